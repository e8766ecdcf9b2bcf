namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// The all-zero UUID names no client, alert or clinician: a path that carries it is answered 404 before an
/// endpoint runs (Marten refuses an empty stream id with an exception, which would otherwise be a 500).
/// </summary>
public static class EmptyIds
{
    public static WebApplication UseRecoveryLedgerEmptyIds(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            foreach (var (_, value) in http.Request.RouteValues)
            {
                if (value is string text && Guid.TryParse(text, out var id) && id == Guid.Empty)
                {
                    await Problems.Write(http, StatusCodes.Status404NotFound, "No such resource, or it is out of your reach.");
                    return;
                }
            }
            await next(http);
        });
        return app;
    }
}

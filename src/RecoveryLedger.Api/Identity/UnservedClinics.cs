using RecoveryLedger.Api.Hosting;

namespace RecoveryLedger.Api.Identity;

/// <summary>
/// With clinics spread over databases, a token may name a clinic whose records this deployment does not hold
/// (a clinic of another network, or one not yet placed in <c>Clinics:Databases</c>). It is answered 403 before
/// any endpoint runs: there is no database to look in, and guessing one would put records in the wrong place.
/// With one shared database every well-formed clinic is served, as before.
/// </summary>
public static class UnservedClinics
{
    public static WebApplication UseRecoveryLedgerUnservedClinics(this WebApplication app)
    {
        var clinics = app.Services.GetRequiredService<ClinicDatabases>();
        if (!clinics.Spread) return app;
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true && !clinics.Serves(http.User.FindFirst(TokenClaims.Tenant)?.Value))
            {
                await Problems.Write(http, StatusCodes.Status403Forbidden, "This service does not hold the records of the token's clinic.");
                return;
            }
            await next(http);
        });
        return app;
    }
}

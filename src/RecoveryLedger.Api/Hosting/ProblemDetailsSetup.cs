namespace RecoveryLedger.Api.Hosting;

public static class ProblemDetailsSetup
{
    public static WebApplicationBuilder AddRecoveryLedgerProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // A trace id lets operators find the request; never the exception itself.
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                                                          ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddSingleton<DatabaseOutage>();
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        return builder;
    }

    /// <summary>Exceptions, and bodiless 4xx/5xx (unknown route 404, wrong method 405), become problem+json.</summary>
    public static WebApplication UseRecoveryLedgerProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

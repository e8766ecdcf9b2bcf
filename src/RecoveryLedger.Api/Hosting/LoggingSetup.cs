namespace RecoveryLedger.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Structured console logs. Request bodies are never logged (no HTTP body logging is enabled);
    /// Marten's schema script and per-command SQL stay out of Information.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryLedgerLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Marten", LogLevel.Warning);
        builder.Logging.AddFilter("Weasel", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
        return builder;
    }
}

namespace RecoveryLedger.Api.Hosting;

public static class HealthSetup
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddRecoveryLedgerHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), name: "postgres", tags: [Ready]);
        // Clinics apart: ready only when every clinic's database answers (a clinic whose database is away
        // would get 503s from this node, and a load balancer should know).
        foreach (var (name, database) in ClinicDatabases.From(builder.Configuration).Databases)
            checks.AddNpgSql(PersistenceSetup.WithConnectTimeout(database.ConnectionString), name: $"postgres-{name}", tags: [Ready]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and the database too.</summary>
    public static WebApplication MapRecoveryLedgerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }
}

using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using JasperFx.MultiTenancy;
using Npgsql;
using JasperFx.Events.Daemon;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Journeys;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Hosting;

public static class PersistenceSetup
{
    public const string Schema = "recoveryledger";
    public const int ConnectTimeoutSeconds = 5;
    public const string UnconfiguredDatabase = "Host=connection-string-not-configured.invalid;Database=none";

    /// <summary>
    /// Marten (events + documents) and Wolverine (HTTP endpoints, handlers, durable local queues,
    /// outbox) on one PostgreSQL database. Every clinic is a Marten tenant (conjoined: one set of
    /// tables, a tenant_id column in every key), so the same client id in two clinics is two journeys.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryLedgerPersistence(this WebApplicationBuilder builder)
    {
        // Commands that never touch the database (dev-token, codegen) must work without one; a service
        // started without it reports not-ready and logs why, rather than guessing a database.
        var connectionString = builder.Configuration.GetConnectionString("Postgres") ?? UnconfiguredDatabase;
        // An unreachable server must not hold a request for Npgsql's default 15 s: after this the request is
        // answered 503 (DatabaseOutage). A connection string that sets Timeout wins.
        builder.Services.AddNpgsqlDataSource(WithConnectTimeout(connectionString));

        // Outside Development the schema is applied by `db-apply` before a deploy, never by the service: Marten then
        // checks no table or function before first use, and Wolverine only asks whether its storage exists instead of
        // diffing it at every start (docs/performance.md, "Cold start (issue 16)"). The commands still apply it.
        builder.Services.CritterStackDefaults(defaults => defaults.Production.ResourceAutoCreate = AutoCreate.None);

        var asyncWork = AsyncWorkOf(builder);
        var clinics = ClinicDatabases.From(builder.Configuration);
        builder.Services.AddSingleton(clinics);
        var pseudonyms = AnalyticsSetup.PseudonymsFor(builder);
        builder.Services.AddSingleton(pseudonyms);
        builder.Services.AddHostedService<PseudonymKeyCheck>();
        var marten = builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = Schema;
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Events.MetadataConfig.HeadersEnabled = false;
                // Wake the async daemon (alert rules, analytics) by NOTIFY on every append instead of
                // waiting for its next poll: alerts must show within 2 seconds.
                opts.Events.UseListenNotifyForEventAppends = true;
                // A NOTIFY that arrives while the daemon is checking for new events is drained, not kept
                // (Marten's PostgresqlListenWakeup), and the append then waits for the next poll: poll as
                // often when idle as when busy, so a missed wakeup costs a quarter second, not a whole one.
                opts.Projections.SlowPollingTime = opts.Projections.FastPollingTime;
                // A full sync batch (500 entries: one quick-append call plus 500 timeline rows and the
                // journey) must go in one round trip; Marten's default page of 500 operations splits it.
                opts.UpdateBatchSize = 1200;
                // A rebuild is insert-only for the timeline (one row per event, table wiped first):
                // Marten can then write its pages with binary COPY instead of one INSERT per row.
                opts.Projections.RebuildWithBulkCopy = true;
                opts.ConfigureJourneys();
                opts.ConfigureAlerts();
                opts.ConfigureAnalytics(pseudonyms);
                opts.ConfigureAccountability();
                // Database-per-clinic: each database keeps its clinics conjoined (a tenant_id column, as in the
                // single database), so every query is the same in both layouts; the async daemon runs per database.
                if (clinics.Spread) ClinicTenancy.Place(opts, clinics);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            // Distributed: Wolverine runs each async projection and subscription on exactly one node of the
            // cluster and moves them when a node leaves (docs/operations.md, "Scale-out").
            .IntegrateWithWolverine(wolverine =>
            {
                wolverine.UseWolverineManagedEventSubscriptionDistribution = asyncWork == AsyncWork.Distributed;
                // Clinics apart: each clinic database keeps its own scheduled checks and outbox; the main
                // database keeps what belongs to no clinic (nodes, leadership, untenanted messages).
                if (clinics.Spread) wolverine.MainDatabaseConnectionString = WithConnectTimeout(connectionString);
            })
            .AddAlertPipeline();
        if (asyncWork != AsyncWork.Distributed)
        {
            var registered = builder.Services.Count;
            marten.AddAsyncDaemon(asyncWork switch { AsyncWork.Solo => DaemonMode.Solo, AsyncWork.HotCold => DaemonMode.HotCold, _ => DaemonMode.Disabled });
            // The daemon answers no request: outside Development it starts once the node serves (docs/design.md).
            if (AsyncWorkStartDelayOf(builder) is { } delay) DeferredStart.Defer(builder.Services, registered, delay);
        }

        if (builder.Environment.IsDevelopment())
            marten.ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(opts =>
        {
            opts.ServiceName = TelemetrySetup.ServiceName;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.ConfigureAlerts(builder.Configuration);
            if (asyncWork == AsyncWork.Distributed) opts.SpreadAsyncWorkOverNodes();
            // Release builds load the committed generated code (TypeLoadMode.Static); Debug builds, which
            // leave that copy out, compile at run time with the Roslyn package only they reference.
#if DEBUG
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            opts.UseRuntimeCompilation();
#else
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
#endif
        });
        builder.Services.AddWolverineHttp();
        return builder;
    }

    /// <summary>The same bounded connect time for every database as for the main one (see DatabaseOutage).</summary>
    public static string WithConnectTimeout(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Timeout")) builder.Timeout = ConnectTimeoutSeconds;
        return builder.ConnectionString;
    }

    /// <summary>
    /// <c>AsyncWork:Mode</c> = <c>Solo</c> | <c>HotCold</c> | <c>Distributed</c> | <c>Disabled</c> (a node that serves
    /// HTTP only; the benchmark uses it to build a backlog). Default: Solo in Development, HotCold elsewhere.
    /// </summary>
    private static AsyncWork AsyncWorkOf(WebApplicationBuilder builder) =>
        builder.Configuration["AsyncWork:Mode"] is { Length: > 0 } mode
            ? Enum.Parse<AsyncWork>(mode, ignoreCase: true)
            : builder.Environment.IsDevelopment() ? AsyncWork.Solo : AsyncWork.HotCold;

    /// <summary>
    /// <c>AsyncWork:StartDelay</c>: how long after the web server has started Marten's async daemon starts (a TimeSpan).
    /// Default 1 s outside Development; in Development (and the tests) it starts with the host, before the web server.
    /// <c>off</c> starts it with the host everywhere.
    /// </summary>
    public static TimeSpan? AsyncWorkStartDelayOf(WebApplicationBuilder builder) =>
        builder.Configuration["AsyncWork:StartDelay"] switch
        {
            null or "" => builder.Environment.IsDevelopment() ? null : DefaultAsyncWorkStartDelay,
            "off" => null,
            var text => TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        };

    public static readonly TimeSpan DefaultAsyncWorkStartDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Balanced durability (every node takes part), and node health checked often enough that the work of a
    /// node that died moves to the others within about 20 s (Wolverine's defaults take over a minute).
    /// </summary>
    private static void SpreadAsyncWorkOverNodes(this WolverineOptions opts)
    {
        opts.Durability.Mode = DurabilityMode.Balanced;
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(3);
        opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(10);
        opts.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(10);
    }
}

/// <summary>Where the async work (alert pipeline, analytics, scheduled checks' agents) runs.</summary>
public enum AsyncWork
{
    /// <summary>All of it on this node (one node, tests, development).</summary>
    Solo,
    /// <summary>All of it on one node at a time; the others stand by (Marten's hot/cold).</summary>
    HotCold,
    /// <summary>Spread over the nodes by Wolverine, moved when a node leaves.</summary>
    Distributed,
    /// <summary>None on this node.</summary>
    Disabled,
}

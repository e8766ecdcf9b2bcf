using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using RecoveryLedger.Api.Alerts.Delivering;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Alerts.Raising;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Alerts;

public static class AlertsSetup
{
    public const string Subscription = "JourneyAlerts";

    /// <summary>Marten registrations of the alerts module: each alert a stream, its snapshot inline.</summary>
    public static StoreOptions ConfigureAlerts(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Alert>(SnapshotLifecycle.Inline);
        JudgedFacts.Configure(opts);
        opts.Schema.For<JudgedThrough>();
        opts.Schema.For<Alert>()
            .Duplicate(x => x.ClientId, notNull: true)
            .Duplicate(x => x.Rule, notNull: true)
            .Duplicate(x => x.Status, notNull: true);
        return opts;
    }

    /// <summary>
    /// The alert pipeline (<see cref="JourneyAlertsSubscription"/>): journey events a page at a time, run by
    /// the async daemon; a singleton built from the container, so it reads the <c>Alerts</c> options.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddAlertPipeline(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<JourneyAlertsSubscription>(ServiceLifetime.Singleton);

    public static WebApplicationBuilder AddRecoveryLedgerAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection(AlertOptions.Section));
        builder.Services.AddHttpClient(AlertNoticeHandler.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Wolverine routing: notices and timed checks on durable local queues (they survive a restart).</summary>
    public static WolverineOptions ConfigureAlerts(this WolverineOptions opts, IConfiguration configuration)
    {
        var alerts = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        // At least once: retried with growing pauses, then kept in the dead-letter table, never dropped.
        opts.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry(alerts.RetryPauses).Then.MoveToErrorQueue();
        opts.LocalQueueFor<AlertNotice>().UseDurableInbox();
        opts.LocalQueueFor<CheckDisengagement>().UseDurableInbox();
        opts.LocalQueueFor<CheckMilestone>().UseDurableInbox();
        // Time-based alerts must appear within 10 s of becoming due.
        opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(1);
        return opts;
    }
}

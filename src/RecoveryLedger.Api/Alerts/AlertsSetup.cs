using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using RecoveryLedger.Api.Alerts.Delivering;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Journeys;
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
        opts.Schema.For<Alert>()
            .Duplicate(x => x.ClientId, notNull: true)
            .Duplicate(x => x.Rule, notNull: true)
            .Duplicate(x => x.Status, notNull: true);
        return opts;
    }

    /// <summary>
    /// Journey events go to the rule handlers through a strict-order Marten subscription run by the
    /// async daemon (one node at a time), so each client's entries are judged in the order stored.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddAlertSubscription(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.ProcessEventsWithWolverineHandlersInStrictOrder(Subscription, subscription =>
        {
            subscription.IncludeType<ClientEnrolled>();
            subscription.IncludeType<CheckInRecorded>();
            subscription.IncludeType<UrgeLogged>();
            subscription.IncludeType<CopingSuccessRecorded>();
            subscription.IncludeType<LapseRecorded>();
            subscription.IncludeType<SessionRecorded>();
            subscription.IncludeType<RelationshipMilestoneReached>();
        });

    public static WebApplicationBuilder AddRecoveryLedgerAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection(AlertOptions.Section));
        builder.Services.AddScoped<Raising.AlertWork>();
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

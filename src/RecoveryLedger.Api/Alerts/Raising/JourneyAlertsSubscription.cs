using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Journeys;
using Wolverine;
using Wolverine.Runtime;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// The alert pipeline: a Marten subscription run by the async daemon that takes journey events a page at a
/// time (in the order stored), splits the page by clinic and the clinic's clients into groups, and has each
/// share judged by Wolverine in one transaction (<see cref="JudgeEntriesHandler"/>), several at once:
/// clients are independent, so the work spreads over the cores. The page's progress is committed only after every share committed;
/// a share that committed before a crash is recognised by its clients' marks when the page comes again. A
/// rebuild replays nothing here: alerts are their own event streams, and a replay must not re-send notices
/// or re-arm past checks.
/// </summary>
public sealed class JourneyAlertsSubscription : SubscriptionBase
{
    private readonly IServiceProvider _services;
    private readonly int _parallelism;

    public JourneyAlertsSubscription(IServiceProvider services, IOptions<AlertOptions> options)
    {
        _services = services;
        _parallelism = options.Value.PageParallelism;
        Name = AlertsSetup.Subscription;
        IncludeType<ClientEnrolled>();
        IncludeType<CheckInRecorded>();
        IncludeType<UrgeLogged>();
        IncludeType<CopingSuccessRecorded>();
        IncludeType<LapseRecorded>();
        IncludeType<SessionRecorded>();
        IncludeType<RelationshipMilestoneReached>();
        IncludeType<MeasureRecorded>();
        IncludeType<ThoughtRecordWritten>();
        Options.BatchSize = options.Value.PageSize;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (controller.Mode == ShardExecutionMode.Rebuild) return NullChangeListener.Instance;
        // Resolved here, not in the constructor: the runtime needs the document store this subscription is part of.
        var runtime = _services.GetRequiredService<IWolverineRuntime>();
        await Parallel.ForEachAsync(Shares(page.Events, _parallelism), new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (share, cancellation) => await new MessageBus(runtime)
                .InvokeForTenantAsync(Tenants.Require(share.Tenant), share.Page, cancellation, TimeSpan.FromMinutes(5)));
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// The page split by clinic, and each clinic's clients dealt into up to <paramref name="parts"/> groups
    /// (a client's events stay together and in order): one transaction each, so the work spreads over the
    /// cores and the database's connections even when one clinic fills the page.
    /// </summary>
    internal static IEnumerable<(string Tenant, JudgeEntries Page)> Shares(IReadOnlyList<IEvent> events, int parts) =>
        events.GroupBy(e => e.TenantId).SelectMany(clinic =>
        {
            var clients = clinic.GroupBy(e => e.StreamId).ToList();
            return clients.Select((client, i) => (client, i)).GroupBy(c => c.i % Math.Min(parts, clients.Count))
                .Select(group => (clinic.Key, new JudgeEntries([.. group.SelectMany(c => c.client)])));
        });
}

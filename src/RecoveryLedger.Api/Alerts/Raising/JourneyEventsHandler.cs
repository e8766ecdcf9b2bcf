using JasperFx.Events;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// Journey events reach these handlers from Marten through Wolverine's strict-order subscription
/// ("JourneyAlerts"), in the order they were stored, so a client's entries are judged in order.
/// A handler that runs twice for the same event (retry, restart, second node) changes nothing the
/// second time: see <see cref="AlertDesk"/>.
/// </summary>
public static class JourneyEventsHandler
{
    public static async Task Handle(IEvent<ClientEnrolled> e, AlertWork work, CancellationToken cancellation)
    {
        await using var session = work.Open(e.TenantId);
        var journey = await session.LoadAsync<Journey>(e.StreamId, cancellation);
        if (journey is null) return;
        await work.ArmDisengagement(e.TenantId, journey);
        await work.ArmNextMilestone(e.TenantId, journey, afterDays: 0);
        await session.SaveChangesAsync(cancellation);
    }

    public static Task Handle(IEvent<CheckInRecorded> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);
    public static Task Handle(IEvent<UrgeLogged> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);
    public static Task Handle(IEvent<CopingSuccessRecorded> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);
    public static Task Handle(IEvent<LapseRecorded> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);
    public static Task Handle(IEvent<SessionRecorded> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);
    public static Task Handle(IEvent<RelationshipMilestoneReached> e, AlertWork work, CancellationToken cancellation) => Judge(e, e.Data, work, cancellation);

    private static async Task Judge(IEvent e, IJourneyEntry entry, AlertWork work, CancellationToken cancellation)
    {
        await using var session = work.Open(e.TenantId);
        var journey = await session.LoadAsync<Journey>(e.StreamId, cancellation);
        if (journey is null) return;

        if (RuleHistory.FactOf(entry) is { } fact)
        {
            var before = await RuleHistory.Before(session, journey.Id, entry, fact, cancellation);
            foreach (var trigger in AlertRules.Evaluate(fact, new RuleContext(journey.SobrietyStartedAt, before)))
                await work.Apply(session, e.TenantId, journey.Id, trigger, entry.EntryId, cancellation);
        }

        // Scheduled checks are re-armed by the entry that moved them, once per batch rather than per entry.
        if (journey.LastClientEntryId == entry.EntryId) await work.ArmDisengagement(e.TenantId, journey);
        if (entry is LapseRecorded { Circle: Vocabulary.Circle.Inner } && IsCurrentStreakStart(journey, entry))
            await work.ArmNextMilestone(e.TenantId, journey, afterDays: 0);
        await session.SaveChangesAsync(cancellation);
    }

    private static bool IsCurrentStreakStart(Journey journey, IJourneyEntry lapse) =>
        lapse.OccurredAt >= journey.SobrietyStartedAt
        && journey.Lapses.Where(l => l.Circle == Vocabulary.Circle.Inner).Max(l => l.OccurredAt) == lapse.OccurredAt;
}

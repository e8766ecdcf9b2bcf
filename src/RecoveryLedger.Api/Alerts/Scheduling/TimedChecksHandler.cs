using RecoveryLedger.Api.Alerts.Raising;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.GettingStreak;
using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>
/// Durable scheduled checks (they survive a restart: Wolverine keeps them in PostgreSQL). Each asks
/// whether its rule is due now; one superseded by newer activity finds nothing to do.
/// </summary>
public static class TimedChecksHandler
{
    public static async Task Handle(CheckDisengagement check, AlertWork work, CancellationToken cancellation)
    {
        await using var session = work.Open(check.Tenant);
        var journey = await session.LoadAsync<Journey>(check.ClientId, cancellation);
        if (journey is null) return;
        var dueAt = TimedRules.DisengagementDueAt(journey.EnrolledAt, journey.LastClientEntryAt, work.Options.DisengagementAfter);
        if (dueAt != check.DueAt) return; // superseded: a newer client entry scheduled its own check
        if (work.Now < dueAt)
        {
            await work.Schedule(check, dueAt);
            await session.SaveChangesAsync(cancellation);
            return;
        }

        // The quiet period is named by the entry it follows (or the enrolment): one alert per period.
        var since = journey.LastClientEntryId;
        var trigger = new Trigger(AlertRules.Disengagement, AlertRules.Version, Severity.Medium, since is { } id ? [id] : []);
        await work.Apply(session, check.Tenant, journey.Id, trigger, since ?? journey.Id, cancellation);
        await session.SaveChangesAsync(cancellation);
    }

    public static async Task Handle(CheckMilestone check, AlertWork work, CancellationToken cancellation)
    {
        await using var session = work.Open(check.Tenant);
        // Locked like an append, so the milestone lands in order with the client's own entries.
        var stream = await session.Events.FetchForExclusiveWriting<Journey>(check.ClientId, cancellation);
        if (stream.Aggregate is not { } journey) return;

        var streak = JourneyStreak.Of(journey, work.Now);
        var (_, dueAt) = MilestoneSchedule.Of(journey.TimeZone, streak.StreakStartedAt, check.Days);
        if (dueAt != check.DueAt) return; // superseded: the streak restarted, its own check is scheduled
        if (work.Now < dueAt)
        {
            await work.Schedule(check, dueAt);
            await session.SaveChangesAsync(cancellation);
            return;
        }
        var reached = streak.Milestones.FirstOrDefault(m => m.Days == check.Days);
        if (reached is null || journey.ReachedMilestones.Contains(new MilestoneMark(reached.Days, reached.ReachedOn)))
            return; // superseded by a lapse, or recorded already

        stream.AppendOne(new StreakMilestoneReached(check.Days, reached.ReachedOn, dueAt, work.Now, Recorder.System));
        var cause = DeterministicGuid.From("milestone", check.Days.ToString(), reached.ReachedOn.ToString("O"));
        await work.Apply(session, check.Tenant, journey.Id, new Trigger(AlertRules.Milestone, AlertRules.Version, Severity.Info, []), cause, cancellation);
        await work.ArmNextMilestone(check.Tenant, journey, check.Days);
        await session.SaveChangesAsync(cancellation);
    }
}

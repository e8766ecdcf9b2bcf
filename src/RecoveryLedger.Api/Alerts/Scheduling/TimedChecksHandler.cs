using Marten;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Alerts.Raising;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.GettingStreak;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Streaks;
using Wolverine;

namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>
/// Durable scheduled checks (they survive a restart: Wolverine keeps them in PostgreSQL). Each asks
/// whether its rule is due now; one superseded by newer activity finds nothing to do. Wolverine opens
/// the session for the clinic on the envelope and commits it, with the outbox, after the handler.
/// </summary>
public static class TimedChecksHandler
{
    public static async Task Handle(CheckDisengagement check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        RequireClinic(session, check.Tenant);
        var journey = await session.LoadAsync<Journey>(check.ClientId, cancellation);
        if (journey is null) return;
        var dueAt = TimedRules.DisengagementDueAt(journey.EnrolledAt, journey.LastClientEntryAt, options.Value.DisengagementAfter);
        if (dueAt != check.DueAt) return; // superseded: a newer client entry scheduled its own check
        var now = clock.Now();
        if (now < dueAt)
        {
            await CheckArming.Schedule(bus, check.Tenant, check, dueAt);
            return;
        }

        // The quiet period is named by the entry it follows (or the enrolment): one alert per period.
        var cause = journey.LastClientEntryId ?? journey.Id;
        if (await AlertBook.AlreadyApplied(session, journey.Id, AlertRules.Disengagement, cause, cancellation)) return;
        var trigger = new Trigger(AlertRules.Disengagement, AlertRules.Version, Severity.Medium,
            journey.LastClientEntryId is { } id ? [id] : []);
        var book = await AlertBook.Open(session, bus, options.Value, journey.Id, now, cancellation);
        await book.Apply(trigger, cause, cancellation);
        await book.Complete();
    }

    public static async Task Handle(CheckMilestone check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        RequireClinic(session, check.Tenant);
        // Locked like an append, so the milestone lands in order with the client's own entries.
        var stream = await session.Events.FetchForExclusiveWriting<Journey>(check.ClientId, cancellation);
        if (stream.Aggregate is not { } journey) return;

        var now = clock.Now();
        var streak = JourneyStreak.Of(journey, now);
        var (_, dueAt) = MilestoneSchedule.Of(journey.TimeZone, streak.StreakStartedAt, check.Days);
        if (dueAt != check.DueAt) return; // superseded: the streak restarted, its own check is scheduled
        if (now < dueAt)
        {
            await CheckArming.Schedule(bus, check.Tenant, check, dueAt);
            return;
        }
        var reached = streak.Milestones.FirstOrDefault(m => m.Days == check.Days);
        if (reached is null || journey.ReachedMilestones.Contains(new MilestoneMark(reached.Days, reached.ReachedOn)))
            return; // superseded by a lapse, or recorded already

        stream.AppendOne(new StreakMilestoneReached(check.Days, reached.ReachedOn, dueAt, now, Recorder.System));
        var cause = DeterministicGuid.From("milestone", check.Days.ToString(), reached.ReachedOn.ToString("O"));
        var book = await AlertBook.Open(session, bus, options.Value, journey.Id, now, cancellation);
        await book.Apply(new Trigger(AlertRules.Milestone, AlertRules.Version, Severity.Info, []), cause, cancellation);
        await book.Complete();
        await CheckArming.ArmNextMilestone(bus, check.Tenant, journey, check.Days, now);
    }

    /// <summary>Background work runs for the clinic the check names, never a default one.</summary>
    private static void RequireClinic(IDocumentSession session, string tenant)
    {
        if (session.TenantId != Tenants.Require(tenant))
            throw new InvalidOperationException("A timed check arrived without its clinic on the envelope.");
    }
}

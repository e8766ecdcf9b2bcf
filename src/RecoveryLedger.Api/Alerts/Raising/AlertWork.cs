using Marten;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Alerts.Delivering;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.GettingStreak;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Streaks;
using Wolverine;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// One unit of alert work for one client of one clinic: a session opened for that clinic, enrolled
/// in Wolverine's outbox so that alert events, scheduled checks and webhook notices commit together.
/// </summary>
public sealed class AlertWork(IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, IOptions<AlertOptions> options)
{
    public DateTimeOffset Now => clock.Now();
    public AlertOptions Options => options.Value;

    public IDocumentSession Open(string? tenant)
    {
        var session = store.LightweightSession(Tenants.Require(tenant));
        outbox.Enroll(session);
        return session;
    }

    /// <summary>Applies a trigger and, for a new alert or a rise in severity, queues the webhook notice.</summary>
    public async Task Apply(IDocumentSession session, string tenant, Guid clientId, Trigger trigger, Guid causedBy, CancellationToken cancellation)
    {
        var (outcome, before, raised, retriggered) = await AlertDesk.Apply(session, clientId, trigger, causedBy, Now, cancellation);
        if (Options.WebhookUrl is null) return;
        if (raised is not null)
            await outbox.PublishAsync(new AlertNotice(raised.AlertId, tenant, clientId, raised.Rule, raised.Severity, AlertStatus.Open, raised.RaisedAt));
        else if (outcome == TriggerOutcome.Retriggered && before is not null && retriggered!.Severity != before.Severity)
            await outbox.PublishAsync(new AlertNotice(before.Id, tenant, clientId, before.Rule, retriggered.Severity, AlertStatus.Open, before.RaisedAt));
    }

    /// <summary>Re-arms disengagement after the latest client entry (or enrolment): the check that falls due last wins.</summary>
    public Task ArmDisengagement(string tenant, Journey journey)
    {
        var dueAt = TimedRules.DisengagementDueAt(journey.EnrolledAt, journey.LastClientEntryAt, Options.DisengagementAfter);
        return Schedule(new CheckDisengagement(tenant, journey.Id, dueAt), dueAt);
    }

    public Task Schedule<T>(T check, DateTimeOffset dueAt) where T : notnull => outbox.ScheduleAsync(check, dueAt).AsTask();

    /// <summary>Schedules the next milestone of the current streak that lies after enrolment.</summary>
    public Task ArmNextMilestone(string tenant, Journey journey, int afterDays)
    {
        var streak = JourneyStreak.Of(journey, Now);
        var enrolledOn = MilestoneSchedule.LocalDateOf(journey.TimeZone, journey.EnrolledAt);
        var days = StreakMilestones.NextAfter(afterDays);
        var (reachedOn, dueAt) = MilestoneSchedule.Of(journey.TimeZone, streak.StreakStartedAt, days);
        while (reachedOn <= enrolledOn)
        {
            days = StreakMilestones.NextAfter(days);
            (reachedOn, dueAt) = MilestoneSchedule.Of(journey.TimeZone, streak.StreakStartedAt, days);
        }
        return Schedule(new CheckMilestone(tenant, journey.Id, days, dueAt), dueAt);
    }
}

using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Streaks;
using Wolverine;

namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>
/// Arms the time-based rules as durable scheduled messages, through the outbox of the unit of work that
/// moved them (so a check is armed exactly when the change that needs it commits), for the clinic named
/// on the envelope: the check's handler gets a session of that clinic from Wolverine.
/// </summary>
public static class CheckArming
{
    /// <summary>Re-arms disengagement after the latest client entry (or enrolment): the check that falls due last wins.</summary>
    public static ValueTask ArmDisengagement(IMessageBus bus, string tenant, Journey journey, AlertOptions options)
    {
        var dueAt = TimedRules.DisengagementDueAt(journey.EnrolledAt, journey.LastClientEntryAt, options.DisengagementAfter);
        return Schedule(bus, tenant, new CheckDisengagement(tenant, journey.Id, dueAt), dueAt);
    }

    /// <summary>Schedules the next milestone of the current streak that lies after enrolment.</summary>
    public static ValueTask ArmNextMilestone(IMessageBus bus, string tenant, StreakStart start, int afterDays, DateTimeOffset now)
    {
        var (history, streak) = (start.History, start.Current(now));
        var enrolledOn = MilestoneSchedule.LocalDateOf(history.TimeZone, history.EnrolledAt);
        var days = StreakMilestones.NextAfter(afterDays);
        var (reachedOn, dueAt) = MilestoneSchedule.Of(history.TimeZone, streak.StreakStartedAt, days);
        while (reachedOn <= enrolledOn)
        {
            days = StreakMilestones.NextAfter(days);
            (reachedOn, dueAt) = MilestoneSchedule.Of(history.TimeZone, streak.StreakStartedAt, days);
        }
        return Schedule(bus, tenant, new CheckMilestone(tenant, history.Id, days, dueAt), dueAt);
    }

    public static ValueTask Schedule<T>(IMessageBus bus, string tenant, T check, DateTimeOffset dueAt) where T : notnull =>
        bus.ScheduleAsync(check, dueAt, new DeliveryOptions { TenantId = Tenants.Require(tenant) });
}

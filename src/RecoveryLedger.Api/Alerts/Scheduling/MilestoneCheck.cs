using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>What a scheduled milestone check finds, decided without the database.</summary>
public abstract record MilestoneCheck
{
    /// <summary>The streak restarted (its own check is scheduled), a lapse took the milestone, or it is recorded.</summary>
    public sealed record Superseded : MilestoneCheck;

    /// <summary>The check came early (a clock moved, a retry): check again at the due time.</summary>
    public sealed record NotYet(DateTimeOffset DueAt) : MilestoneCheck;

    /// <summary>The milestone to record; <paramref name="Cause"/> names it, so its alert is raised once.</summary>
    public sealed record Reached(StreakMilestoneReached Event, Guid Cause) : MilestoneCheck;

    public static MilestoneCheck Decide(StreakStart start, CheckMilestone check, DateTimeOffset now)
    {
        var (history, streak) = (start.History, start.Current(now));
        var (_, dueAt) = MilestoneSchedule.Of(history.TimeZone, streak.StreakStartedAt, check.Days);
        if (dueAt != check.DueAt) return new Superseded();
        if (now < dueAt) return new NotYet(dueAt);
        var reached = streak.Milestones.FirstOrDefault(m => m.Days == check.Days);
        if (reached is null || history.ReachedMilestones.Contains(new MilestoneMark(reached.Days, reached.ReachedOn)))
            return new Superseded();
        return new Reached(new StreakMilestoneReached(check.Days, reached.ReachedOn, dueAt, now, Recorder.System),
            DeterministicGuid.From("milestone", check.Days.ToString(), reached.ReachedOn.ToString("O")));
    }
}

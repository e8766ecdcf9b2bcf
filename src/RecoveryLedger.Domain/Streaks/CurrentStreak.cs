namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// The part of the streak that depends only on where the current streak starts: what a caseload row and
/// the milestone checks need. <see cref="StreakCalculator.Calculate"/> derives the same fields through
/// <see cref="StreakCalculator.Current"/>, so a reader that knows only the latest restart answers alike.
/// </summary>
public sealed record CurrentStreak(
    DateTimeOffset StreakStartedAt,
    int CurrentStreakDays,
    IReadOnlyList<ReachedMilestone> Milestones,
    int NextMilestoneDays);

namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// The streak as of one instant. Instants are returned in UTC (the API writes UTC, and it keeps the
/// result independent of the offsets the inputs happened to carry).
/// </summary>
public sealed record Streak(
    DateTimeOffset StreakStartedAt,
    int CurrentStreakDays,
    int LongestStreakDays,
    int TotalSoberDays,
    int InnerLapses,
    int MiddleSlips,
    DateTimeOffset? LastLapseAt,
    IReadOnlyList<ReachedMilestone> Milestones,
    int NextMilestoneDays);

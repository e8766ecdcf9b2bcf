namespace RecoveryLedger.Domain.Streaks;

/// <summary>A milestone of <paramref name="Days"/> days, reached on a local calendar date of the client.</summary>
public sealed record ReachedMilestone(int Days, DateOnly ReachedOn);

namespace RecoveryLedger.Domain.Streaks;

/// <summary>A lapse as the streak sees it: when it happened (the device's <c>occurredAt</c>) and its circle.</summary>
public sealed record LapseRecord(DateTimeOffset OccurredAt, LapseCircle Circle);

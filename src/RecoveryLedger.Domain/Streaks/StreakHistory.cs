namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// Everything the streak depends on: the client's IANA time zone, the enrolment's
/// <c>sobrietyStartedAt</c> and the lapses, in any order (late, back-dated ones included).
/// </summary>
public sealed record StreakHistory(string TimeZone, DateTimeOffset SobrietyStartedAt, IReadOnlyList<LapseRecord> Lapses);

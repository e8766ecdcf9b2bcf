using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Properties;

/// <summary>One generated input: a history and the instant it is read at.</summary>
public sealed record StreakCase(StreakHistory History, DateTimeOffset Now)
{
    public Streak Calculate() => StreakCalculator.Calculate(History, Now);

    public StreakCase WithLapses(IReadOnlyList<LapseRecord> lapses) => this with { History = History with { Lapses = lapses } };

    // Records print lists as their type name; CsCheck shows this when it reports a shrunk failure.
    public override string ToString() =>
        $"zone {History.TimeZone}, start {History.SobrietyStartedAt:O}, now {Now:O}, lapses [{string.Join(", ", History.Lapses.Select(l => $"{l.Circle} {l.OccurredAt:O}"))}]";
}

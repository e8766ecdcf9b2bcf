using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks;

/// <summary>What a store may hand the calculator: inner lapses as sorted ticks up to now, and a slip count.</summary>
public class happened_lapses
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void keeps_only_what_had_happened_sorted_and_counts_the_slips()
    {
        var lapses = HappenedLapses.Of([
            new LapseRecord(Now.AddDays(-1), LapseCircle.Inner),
            new LapseRecord(Now.AddDays(-3).ToOffset(TimeSpan.FromHours(5)), LapseCircle.Inner),
            new LapseRecord(Now.AddMinutes(1), LapseCircle.Inner),
            new LapseRecord(Now.AddDays(-2), LapseCircle.Middle),
            new LapseRecord(Now.AddMinutes(2), LapseCircle.Middle),
        ], Now);

        lapses.InnerTicks.ShouldBe([Now.AddDays(-3).UtcTicks, Now.AddDays(-1).UtcTicks]);
        lapses.MiddleSlips.ShouldBe(1);
    }

    [Fact]
    public void from_a_store_they_must_be_oldest_first_and_not_after_now()
    {
        Should.Throw<ArgumentException>(() => HappenedLapses.FromOrdered([Now.UtcTicks - 1, Now.UtcTicks - 2], 0, Now));
        Should.Throw<ArgumentException>(() => HappenedLapses.FromOrdered([Now.UtcTicks + 1], 0, Now));
        Should.Throw<ArgumentOutOfRangeException>(() => HappenedLapses.FromOrdered([], -1, Now));
        HappenedLapses.FromOrdered([Now.UtcTicks - 2, Now.UtcTicks - 2, Now.UtcTicks], 3, Now).InnerTicks.Count.ShouldBe(3);
    }
}

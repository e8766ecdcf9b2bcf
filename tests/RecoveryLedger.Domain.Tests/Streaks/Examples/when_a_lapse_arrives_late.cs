using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>
/// A phone syncs days later: the lapse arrives after a newer one but is placed by occurredAt,
/// so it rewrites history (longest, total) and leaves the current streak alone.
/// </summary>
public class when_a_lapse_arrives_late
{
    private static readonly Wall Wall = Wall.Berlin;
    private static readonly DateTimeOffset SobrietyStartedAt = Wall.At(2026, 1, 1, 9);
    private static readonly DateTimeOffset LatestLapse = Wall.At(2026, 2, 20, 21);
    private static readonly DateTimeOffset BackDatedLapse = Wall.At(2026, 1, 15, 7);
    private static readonly DateTimeOffset Now = Wall.At(2026, 3, 2, 10);

    private readonly Streak _before =
        StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Inner(LatestLapse)), Now);
    private readonly Streak _after =
        StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Inner(LatestLapse), Lapse.Inner(BackDatedLapse)), Now);

    [Fact]
    public void current_streak_is_unchanged()
    {
        _after.StreakStartedAt.ShouldBe(LatestLapse);
        _after.CurrentStreakDays.ShouldBe(10);
        _after.CurrentStreakDays.ShouldBe(_before.CurrentStreakDays);
        _after.Milestones.ShouldBe(_before.Milestones);
    }

    [Fact]
    public void the_longest_streak_is_rewritten()
    {
        _before.LongestStreakDays.ShouldBe(50); // 1 Jan → 20 Feb
        _after.LongestStreakDays.ShouldBe(36);  // 15 Jan → 20 Feb
    }

    [Fact]
    public void the_day_of_the_late_lapse_is_no_longer_a_sober_day()
    {
        _before.TotalSoberDays.ShouldBe(59); // 1 Jan … 1 Mar is 60 days, less 20 Feb
        _after.TotalSoberDays.ShouldBe(58);
    }

    [Fact]
    public void it_is_counted_but_the_last_lapse_is_still_the_latest_by_occurred_at()
    {
        _after.InnerLapses.ShouldBe(2);
        _after.LastLapseAt.ShouldBe(LatestLapse);
    }
}

using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

public class when_instants_lie_after_now
{
    private static readonly Wall Wall = Wall.Berlin;
    private static readonly DateTimeOffset SobrietyStartedAt = Wall.At(2026, 1, 1, 9);
    private static readonly DateTimeOffset Now = Wall.At(2026, 1, 20, 23, 58);

    [Fact]
    public void a_lapse_after_now_has_not_happened_and_is_left_out_entirely()
    {
        // The API accepts occurredAt up to five minutes ahead; as of now that lapse has not happened.
        var streak = StreakCalculator.Calculate(
            Wall.History(SobrietyStartedAt, Lapse.Inner(Now.AddMinutes(3)), Lapse.Middle(Now.AddMinutes(4))), Now);

        streak.ShouldBeSameStreakAs(StreakCalculator.Calculate(Wall.History(SobrietyStartedAt), Now));
        streak.InnerLapses.ShouldBe(0);
        streak.MiddleSlips.ShouldBe(0);
    }

    [Fact]
    public void a_lapse_at_exactly_now_counts()
    {
        var streak = StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Inner(Now)), Now);

        streak.StreakStartedAt.ShouldBe(Now);
        streak.CurrentStreakDays.ShouldBe(0);
        streak.InnerLapses.ShouldBe(1);
    }

    [Fact]
    public void a_sobriety_start_on_the_next_local_day_clamps_every_count_at_zero()
    {
        var streak = StreakCalculator.Calculate(Wall.History(Now.AddMinutes(3)), Now);

        streak.CurrentStreakDays.ShouldBe(0);
        streak.LongestStreakDays.ShouldBe(0);
        streak.TotalSoberDays.ShouldBe(0);
        streak.Milestones.ShouldBeEmpty();
        streak.NextMilestoneDays.ShouldBe(1);
    }
}

using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>A streak reaches milestone m on localDate(streakStartedAt) + m.</summary>
public class when_the_streak_reaches_milestones
{
    private static readonly Wall Wall = Wall.Berlin;

    [Fact]
    public void on_day_zero_none_is_reached_and_the_next_is_one_day()
    {
        var lapseAt = Wall.At(2026, 5, 1, 9);
        var streak = StreakCalculator.Calculate(Wall.History(Wall.At(2026, 1, 1), Lapse.Inner(lapseAt)), Wall.At(2026, 5, 1, 23, 59));

        streak.CurrentStreakDays.ShouldBe(0);
        streak.Milestones.ShouldBeEmpty();
        streak.NextMilestoneDays.ShouldBe(1);
    }

    [Fact]
    public void on_day_seven_one_and_seven_are_reached_on_their_local_dates()
    {
        var lapseAt = Wall.At(2026, 5, 1, 22);
        var streak = StreakCalculator.Calculate(Wall.History(Wall.At(2026, 1, 1), Lapse.Inner(lapseAt)), Wall.At(2026, 5, 8, 6));

        streak.CurrentStreakDays.ShouldBe(7);
        streak.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 5, 2)), new ReachedMilestone(7, new DateOnly(2026, 5, 8))]);
        streak.NextMilestoneDays.ShouldBe(14);
    }

    [Fact]
    public void on_day_four_hundred_the_year_is_reached_and_the_next_is_two_years()
    {
        var streak = StreakCalculator.Calculate(Wall.History(Wall.At(2025, 1, 1, 10)), Wall.At(2026, 2, 5, 10));

        streak.CurrentStreakDays.ShouldBe(400);
        streak.Milestones.Select(m => m.Days).ShouldBe([1, 7, 14, 30, 60, 90, 180, 365]);
        streak.Milestones[^1].ReachedOn.ShouldBe(new DateOnly(2026, 1, 1));
        streak.NextMilestoneDays.ShouldBe(730);
    }

    [Fact]
    public void milestones_of_an_earlier_streak_are_not_listed()
    {
        var streak = StreakCalculator.Calculate(
            Wall.History(Wall.At(2026, 1, 1, 10), Lapse.Inner(Wall.At(2026, 3, 1, 10))), Wall.At(2026, 3, 3, 10));

        streak.LongestStreakDays.ShouldBe(59);
        streak.Milestones.Select(m => m.Days).ShouldBe([1]);
        streak.NextMilestoneDays.ShouldBe(7);
    }
}

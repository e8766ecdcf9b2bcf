using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>docs/domain.md: "a lapse at 23:00 and 'now' at 08:00 the next local morning is day 1".</summary>
public class when_an_inner_lapse_happens_late_in_the_evening
{
    private static readonly Wall Wall = Wall.Berlin;
    private readonly DateTimeOffset _lapseAt = Wall.At(2026, 3, 10, 23);
    private readonly StreakHistory _history;

    public when_an_inner_lapse_happens_late_in_the_evening() =>
        _history = Wall.History(Wall.At(2026, 2, 1, 12), Lapse.Inner(_lapseAt));

    private Streak NextMorning => StreakCalculator.Calculate(_history, now: Wall.At(2026, 3, 11, 8));

    [Fact]
    public void the_streak_restarts_at_the_lapse() => NextMorning.StreakStartedAt.ShouldBe(_lapseAt);

    [Fact]
    public void the_next_morning_is_day_one() => NextMorning.CurrentStreakDays.ShouldBe(1);

    [Fact]
    public void later_the_same_evening_is_day_zero() =>
        StreakCalculator.Calculate(_history, now: Wall.At(2026, 3, 10, 23, 59)).CurrentStreakDays.ShouldBe(0);

    [Fact]
    public void the_lapse_is_counted_and_is_the_last_lapse()
    {
        NextMorning.InnerLapses.ShouldBe(1);
        NextMorning.LastLapseAt.ShouldBe(_lapseAt);
    }

    [Fact]
    public void the_streak_it_ended_is_kept_as_the_longest() =>
        NextMorning.LongestStreakDays.ShouldBe(37); // 1 Feb → 10 Mar

    [Fact]
    public void day_one_is_reached_on_the_morning_after() =>
        NextMorning.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 3, 11))]);

    [Fact]
    public void the_next_milestone_is_seven_days() => NextMorning.NextMilestoneDays.ShouldBe(7);
}

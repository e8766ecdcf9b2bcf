using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

public class when_there_are_no_lapses
{
    private static readonly Wall Wall = Wall.Berlin;
    private readonly DateTimeOffset _sobrietyStartedAt = Wall.At(2026, 1, 1, 9);
    private readonly Streak _streak;

    public when_there_are_no_lapses() =>
        _streak = StreakCalculator.Calculate(Wall.History(_sobrietyStartedAt), now: Wall.At(2026, 1, 11, 8));

    [Fact]
    public void the_streak_starts_at_the_sobriety_start() => _streak.StreakStartedAt.ShouldBe(_sobrietyStartedAt);

    [Fact]
    public void the_streak_started_at_is_written_in_utc() => _streak.StreakStartedAt.Offset.ShouldBe(TimeSpan.Zero);

    [Fact]
    public void current_streak_counts_calendar_days_not_elapsed_hours() => _streak.CurrentStreakDays.ShouldBe(10);

    [Fact]
    public void longest_streak_is_the_current_one() => _streak.LongestStreakDays.ShouldBe(10);

    [Fact]
    public void every_past_day_is_a_sober_day() => _streak.TotalSoberDays.ShouldBe(10);

    [Fact]
    public void nothing_is_counted_as_a_lapse()
    {
        _streak.InnerLapses.ShouldBe(0);
        _streak.MiddleSlips.ShouldBe(0);
        _streak.LastLapseAt.ShouldBeNull();
    }

    [Fact]
    public void milestones_one_and_seven_are_reached() =>
        _streak.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 1, 2)), new ReachedMilestone(7, new DateOnly(2026, 1, 8))]);

    [Fact]
    public void the_next_milestone_is_fourteen_days() => _streak.NextMilestoneDays.ShouldBe(14);
}

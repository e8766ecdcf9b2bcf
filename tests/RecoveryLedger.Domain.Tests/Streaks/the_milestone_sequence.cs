using NodaTime;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks;

public class the_milestone_sequence
{
    [Fact]
    public void runs_through_the_first_year_then_every_365_days() =>
        StreakMilestones.Sequence().Take(11).ShouldBe([1, 7, 14, 30, 60, 90, 180, 365, 730, 1095, 1460]);

    [Fact]
    public void ends_before_it_would_overflow()
    {
        var last = StreakMilestones.Sequence().Last();

        last.ShouldBeGreaterThan(int.MaxValue - 365);
        (last % 365).ShouldBe(0);
    }

    [Theory]
    [InlineData(-5, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 7)]
    [InlineData(6, 7)]
    [InlineData(7, 14)]
    [InlineData(179, 180)]
    [InlineData(180, 365)]
    [InlineData(364, 365)]
    [InlineData(365, 730)]
    [InlineData(400, 730)]
    [InlineData(729, 730)]
    [InlineData(730, 1095)]
    public void next_after_is_the_smallest_milestone_above(int days, int next) =>
        StreakMilestones.NextAfter(days).ShouldBe(next);

    [Fact]
    public void next_after_agrees_with_the_sequence()
    {
        for (var days = -1; days <= 3000; days++)
        {
            StreakMilestones.NextAfter(days).ShouldBe(StreakMilestones.Sequence().First(m => m > days), $"after {days}");
        }
    }

    [Fact]
    public void reached_in_adds_the_milestone_days_to_the_start_date() =>
        StreakMilestones.ReachedIn(new LocalDate(2024, 2, 28), 30).ShouldBe(
        [
            new ReachedMilestone(1, new DateOnly(2024, 2, 29)),
            new ReachedMilestone(7, new DateOnly(2024, 3, 6)),
            new ReachedMilestone(14, new DateOnly(2024, 3, 13)),
            new ReachedMilestone(30, new DateOnly(2024, 3, 29)),
        ]);

    [Fact]
    public void reached_in_is_empty_for_day_zero() => StreakMilestones.ReachedIn(new LocalDate(2024, 2, 28), 0).ShouldBeEmpty();
}

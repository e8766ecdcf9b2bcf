using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>
/// Days are calendar days: a week holding a 23-hour day is still 7 days, and a 25-hour day is still one day.
/// Each case asserts the elapsed hours too, to show that hours / 24 would give a different answer.
/// </summary>
public class when_clocks_change_for_daylight_saving
{
    private static Streak StreakSince(Wall wall, DateTimeOffset lapseAt, DateTimeOffset now) =>
        StreakCalculator.Calculate(wall.History(wall.At(2026, 1, 1), Lapse.Inner(lapseAt)), now);

    [Fact]
    public void berlin_spring_forward_week_is_seven_days()
    {
        var berlin = Wall.Berlin; // 29 Mar 2026 02:00 → 03:00
        var lapseAt = berlin.At(2026, 3, 28, 0, 30);
        var now = berlin.At(2026, 4, 4, 0, 10);

        (now - lapseAt).TotalHours.ShouldBeLessThan(7 * 24);
        var streak = StreakSince(berlin, lapseAt, now);
        streak.CurrentStreakDays.ShouldBe(7);
        streak.Milestones[^1].ShouldBe(new ReachedMilestone(7, new DateOnly(2026, 4, 4)));
    }

    [Fact]
    public void berlin_fall_back_day_of_25_hours_is_day_zero_until_midnight()
    {
        var berlin = Wall.Berlin; // 25 Oct 2026 03:00 → 02:00
        var lapseAt = berlin.At(2026, 10, 25, 0, 10);
        var now = berlin.At(2026, 10, 25, 23, 50);

        (now - lapseAt).TotalHours.ShouldBeGreaterThan(24);
        StreakSince(berlin, lapseAt, now).CurrentStreakDays.ShouldBe(0);
    }

    [Fact]
    public void berlin_fall_back_week_is_seven_days_not_eight()
    {
        var berlin = Wall.Berlin;
        var lapseAt = berlin.At(2026, 10, 24, 0, 0);
        var now = berlin.At(2026, 10, 31, 23, 59);

        (now - lapseAt).TotalHours.ShouldBeGreaterThan(8 * 24);
        StreakSince(berlin, lapseAt, now).CurrentStreakDays.ShouldBe(7);
    }

    [Fact]
    public void los_angeles_spring_forward_week_is_seven_days()
    {
        var losAngeles = new Wall("America/Los_Angeles"); // 8 Mar 2026 02:00 → 03:00
        var lapseAt = losAngeles.At(2026, 3, 7, 0, 30);
        var now = losAngeles.At(2026, 3, 14, 0, 10);

        (now - lapseAt).TotalHours.ShouldBeLessThan(7 * 24);
        StreakSince(losAngeles, lapseAt, now).CurrentStreakDays.ShouldBe(7);
    }

    [Fact]
    public void los_angeles_fall_back_day_of_25_hours_is_day_zero_until_midnight()
    {
        var losAngeles = new Wall("America/Los_Angeles"); // 1 Nov 2026 02:00 → 01:00
        var lapseAt = losAngeles.At(2026, 11, 1, 0, 10);
        var now = losAngeles.At(2026, 11, 1, 23, 50);

        (now - lapseAt).TotalHours.ShouldBeGreaterThan(24);
        StreakSince(losAngeles, lapseAt, now).CurrentStreakDays.ShouldBe(0);
    }

    [Fact]
    public void los_angeles_either_half_of_the_repeated_hour_is_the_same_local_date()
    {
        var losAngeles = new Wall("America/Los_Angeles");
        var now = losAngeles.At(2026, 11, 2, 0, 10);
        var firstOneThirty = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-7));
        var secondOneThirty = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-8));

        StreakSince(losAngeles, firstOneThirty, now).CurrentStreakDays.ShouldBe(1);
        StreakSince(losAngeles, secondOneThirty, now).CurrentStreakDays.ShouldBe(1);
    }

    [Fact]
    public void total_sober_days_across_the_change_count_dates()
    {
        var berlin = Wall.Berlin;
        var streak = StreakCalculator.Calculate(berlin.History(berlin.At(2026, 3, 27, 12)), berlin.At(2026, 4, 3, 12));

        streak.TotalSoberDays.ShouldBe(7);
        streak.CurrentStreakDays.ShouldBe(7);
    }
}

using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>
/// Each case lies on a single UTC date (day 0 in UTC) but crosses local midnight in the client's zone,
/// so only the client's calendar gives day 1.
/// </summary>
public class when_the_client_lives_far_from_utc
{
    private static Streak Calculate(string zone, string lapseAt, string now) =>
        StreakCalculator.Calculate(
            new StreakHistory(zone, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), [new LapseRecord(DateTimeOffset.Parse(lapseAt), LapseCircle.Inner)]),
            DateTimeOffset.Parse(now));

    [Fact]
    public void in_auckland_the_new_day_starts_twelve_hours_ahead_of_utc()
    {
        // 22:00 on 1 June NZST → 01:00 on 2 June.
        var streak = Calculate("Pacific/Auckland", "2026-06-01T10:00:00Z", "2026-06-01T13:00:00Z");

        streak.CurrentStreakDays.ShouldBe(1);
        streak.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 6, 2))]);
    }

    [Fact]
    public void in_los_angeles_the_lapse_falls_on_the_previous_local_day()
    {
        // 23:00 on 31 May PDT → 13:00 on 1 June.
        var streak = Calculate("America/Los_Angeles", "2026-06-01T06:00:00Z", "2026-06-01T20:00:00Z");

        streak.CurrentStreakDays.ShouldBe(1);
        streak.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 6, 1))]);
    }

    [Fact]
    public void in_kolkata_the_half_hour_offset_decides_the_date()
    {
        // 23:30 on 1 June IST (+05:30) → 00:15 on 2 June; a whole-hour offset would still say 1 June.
        var streak = Calculate("Asia/Kolkata", "2026-06-01T18:00:00Z", "2026-06-01T18:45:00Z");

        streak.CurrentStreakDays.ShouldBe(1);
        streak.Milestones.ShouldBe([new ReachedMilestone(1, new DateOnly(2026, 6, 2))]);
    }

    [Fact]
    public void the_same_instants_in_utc_would_still_be_day_zero() =>
        Calculate("Etc/UTC", "2026-06-01T18:00:00Z", "2026-06-01T18:45:00Z").CurrentStreakDays.ShouldBe(0);
}

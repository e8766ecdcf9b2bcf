using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>totalSoberDays: local dates from the sobriety start up to, not including, today with no inner lapse.</summary>
public class when_counting_total_sober_days
{
    private static readonly Wall Wall = Wall.Berlin;
    private static readonly DateTimeOffset SobrietyStartedAt = Wall.At(2026, 1, 1, 9);
    private static readonly DateTimeOffset Now = Wall.At(2026, 1, 20, 12);

    private static Streak With(params LapseRecord[] lapses) =>
        StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, lapses), Now);

    [Fact]
    public void today_is_not_counted_yet() => With().TotalSoberDays.ShouldBe(19);

    [Fact]
    public void each_day_with_an_inner_lapse_is_taken_away_once() =>
        With(Lapse.Inner(Wall.At(2026, 1, 5, 1)), Lapse.Inner(Wall.At(2026, 1, 5, 23)), Lapse.Inner(Wall.At(2026, 1, 10, 12)))
            .TotalSoberDays.ShouldBe(17);

    [Fact]
    public void a_lapse_today_takes_nothing_away_yet() =>
        With(Lapse.Inner(Wall.At(2026, 1, 20, 7))).TotalSoberDays.ShouldBe(19);

    [Fact]
    public void middle_slips_take_nothing_away() =>
        With(Lapse.Middle(Wall.At(2026, 1, 5, 1)), Lapse.Middle(Wall.At(2026, 1, 6, 1))).TotalSoberDays.ShouldBe(19);

    [Fact]
    public void a_reset_keeps_the_days_already_earned()
    {
        var streak = With(Lapse.Inner(Wall.At(2026, 1, 18, 21)));

        streak.CurrentStreakDays.ShouldBe(2);
        streak.TotalSoberDays.ShouldBe(18);
    }
}

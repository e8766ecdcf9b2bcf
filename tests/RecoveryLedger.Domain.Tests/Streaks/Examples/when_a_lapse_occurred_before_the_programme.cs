using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

/// <summary>docs/domain.md: a lapse before sobrietyStartedAt is history, counted in innerLapses, never a reset.</summary>
public class when_a_lapse_occurred_before_the_programme
{
    private static readonly Wall Wall = Wall.Berlin;
    private static readonly DateTimeOffset SobrietyStartedAt = Wall.At(2026, 4, 1, 12);
    private static readonly DateTimeOffset PreProgrammeLapse = Wall.At(2026, 3, 20, 22);
    private static readonly DateTimeOffset Now = Wall.At(2026, 4, 11, 9);

    private readonly Streak _streak =
        StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Inner(PreProgrammeLapse)), Now);

    [Fact]
    public void it_is_counted_as_an_inner_lapse()
    {
        _streak.InnerLapses.ShouldBe(1);
        _streak.LastLapseAt.ShouldBe(PreProgrammeLapse);
    }

    [Fact]
    public void it_does_not_reset_the_streak()
    {
        _streak.StreakStartedAt.ShouldBe(SobrietyStartedAt);
        _streak.CurrentStreakDays.ShouldBe(10);
    }

    [Fact]
    public void it_takes_no_sober_day_from_the_programme() => _streak.TotalSoberDays.ShouldBe(10);

    [Fact]
    public void it_does_not_end_a_closed_streak()
    {
        var withLaterLapse = StreakCalculator.Calculate(
            Wall.History(SobrietyStartedAt, Lapse.Inner(PreProgrammeLapse), Lapse.Inner(Wall.At(2026, 4, 8, 20))), Now);

        withLaterLapse.LongestStreakDays.ShouldBe(7); // 1 Apr → 8 Apr, nothing from 20 Mar
    }

    [Fact]
    public void on_the_morning_of_the_start_day_it_makes_that_day_not_sober()
    {
        // Decision: totalSoberDays excludes the local date of any inner lapse, before the programme too.
        var sameDay = StreakCalculator.Calculate(
            Wall.History(SobrietyStartedAt, Lapse.Inner(Wall.At(2026, 4, 1, 8))), Now);

        sameDay.TotalSoberDays.ShouldBe(9);
        sameDay.CurrentStreakDays.ShouldBe(10);
        sameDay.StreakStartedAt.ShouldBe(SobrietyStartedAt);
    }

    [Fact]
    public void a_lapse_at_exactly_the_sobriety_start_belongs_to_the_programme_and_restarts_the_streak()
    {
        var atStart = StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Inner(SobrietyStartedAt)), Now);

        atStart.StreakStartedAt.ShouldBe(SobrietyStartedAt);
        atStart.CurrentStreakDays.ShouldBe(10);
        atStart.TotalSoberDays.ShouldBe(9);
    }
}

using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Examples;

public class when_a_middle_slip_is_recorded
{
    private static readonly Wall Wall = Wall.Berlin;
    private static readonly DateTimeOffset SobrietyStartedAt = Wall.At(2026, 1, 1, 9);
    private static readonly DateTimeOffset Now = Wall.At(2026, 1, 20, 18);

    private readonly Streak _withoutSlip = StreakCalculator.Calculate(Wall.History(SobrietyStartedAt), Now);
    private readonly Streak _withSlip =
        StreakCalculator.Calculate(Wall.History(SobrietyStartedAt, Lapse.Middle(Wall.At(2026, 1, 15, 22))), Now);

    [Fact]
    public void the_streak_is_not_reset()
    {
        _withSlip.StreakStartedAt.ShouldBe(SobrietyStartedAt);
        _withSlip.CurrentStreakDays.ShouldBe(19);
    }

    [Fact]
    public void the_slip_is_counted() => _withSlip.MiddleSlips.ShouldBe(1);

    [Fact]
    public void a_slip_is_not_an_inner_lapse()
    {
        _withSlip.InnerLapses.ShouldBe(0);
        _withSlip.LastLapseAt.ShouldBeNull();
    }

    [Fact]
    public void nothing_else_changes() => _withSlip.ShouldBeSameStreakAs(_withoutSlip with { MiddleSlips = 1 });
}

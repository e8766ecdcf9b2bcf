using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>A recent mean of 6 or more is not enough when it does not also reach μ + 1.5σ.</summary>
public class when_the_baseline_is_already_high
{
    private static Trigger? Evaluate(CheckInFact[] baseline, int earlierCraving, int craving) =>
        AlertRules.CravingRisingRule(
            Entry.CheckIn(At.Day(15.5), craving), History.Before([.. baseline, Entry.CheckIn(At.Day(15), earlierCraving)]));

    // μ = 6, σ = 0 raised to 0.5: μ + 1.5σ = 6.75. Without the 0.5 floor on σ, 6.5 would fire.
    private static readonly CheckInFact[] Steady = Entry.DailyCheckIns(6, 6, 6, 6, 6, 6, 6);

    // μ = 35/7 = 5, σ² = (5·2² + 2·5²)/7 = 10, μ + 1.5σ ≈ 9.74.
    private static readonly CheckInFact[] Spread = Entry.DailyCheckIns(3, 3, 3, 3, 3, 10, 10);

    [Fact]
    public void a_recent_mean_of_6_5_over_a_steady_6_does_not_fire() => Evaluate(Steady, 7, 6).ShouldBeNull();

    [Fact]
    public void a_recent_mean_of_7_over_a_steady_6_fires() => Evaluate(Steady, 7, 7).ShouldNotBeNull();

    [Fact]
    public void a_recent_mean_of_9_over_a_spread_baseline_does_not_fire() => Evaluate(Spread, 9, 9).ShouldBeNull();

    [Fact]
    public void a_recent_mean_of_10_over_a_spread_baseline_fires() => Evaluate(Spread, 10, 10).ShouldNotBeNull();
}

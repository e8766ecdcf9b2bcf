using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>
/// SPEC DISCREPANCY (AlertRules.CravingRisingRule, src/RecoveryLedger.Domain/Alerts/AlertRules.cs lines 108–109, 115).
/// Baseline 0,0,0,0,0,0,6,7,8 (9 check-ins): μ = 21/9 = 7/3, Σ(x − μ)² = 100, population σ = √(100/9) = 10/3,
/// so μ + 1.5σ = 7/3 + 5 = 22/3 exactly. Recent cravings 7, 7, 8: mean 22/3. docs/domain.md says the rule fires when
/// the mean is ≥ μ + 1.5σ, so it must fire. The code sums floating-point squared deviations (x − 2.333…)² in the
/// order <c>Before</c> lists them: in occurredAt order the threshold comes out as 7.333333333333334 > 22/3 and the rule
/// stays silent; with the baseline listed in reverse it comes out as 7.333333333333332 and the rule fires. So the
/// verdict depends on rounding and on arrival order, against "≥" and against rules being pure functions of history.
/// </summary>
public class when_the_recent_mean_equals_the_threshold_exactly
{
    private static readonly CheckInFact[] Baseline = Entry.DailyCheckIns(0, 0, 0, 0, 0, 0, 6, 7, 8);
    private static readonly CheckInFact[] Recent = [Entry.CheckIn(At.Day(20), craving: 7), Entry.CheckIn(At.Day(20.5), craving: 7)];
    private static readonly CheckInFact CheckIn = Entry.CheckIn(At.Day(21), craving: 8);

    [Fact]
    public void it_fires() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline, .. Recent]))
            .ShouldFire(AlertRules.CravingRising, Severity.Medium, [.. Recent, CheckIn]);

    [Fact]
    public void the_order_the_baseline_arrived_in_does_not_change_the_verdict()
    {
        var inOrder = AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline, .. Recent]));
        var reversed = AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline.Reverse(), .. Recent]));

        (inOrder is null).ShouldBe(reversed is null);
    }
}

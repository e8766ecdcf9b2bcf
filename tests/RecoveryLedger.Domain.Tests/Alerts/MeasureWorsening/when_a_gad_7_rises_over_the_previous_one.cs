using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MeasureWorsening;

public class when_a_gad_7_rises_over_the_previous_one
{
    private static readonly MeasureFact Previous = Entry.Gad7(At.Day(0), score: 5);

    [Fact]
    public void four_points_fire_high_as_rule_set_v2()
    {
        var worse = Entry.Gad7(At.Day(14), score: 9);

        AlertRules.MeasureWorseningRule(worse, History.Before(Previous))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, Previous, worse);
    }

    [Fact]
    public void three_points_stay_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Gad7(At.Day(14), score: 8), History.Before(Previous)).ShouldBeNull();

    [Fact]
    public void an_improvement_stays_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Gad7(At.Day(14), score: 0), History.Before(Previous)).ShouldBeNull();

    [Fact]
    public void the_first_gad_7_stays_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Gad7(At.Day(14), score: 21), History.Before(Entry.Phq9(At.Day(0), score: 0))).ShouldBeNull();

    [Fact]
    public void csbd_19_never_raises_it_however_much_it_rises() =>
        AlertRules.MeasureWorseningRule(Entry.Csbd19(At.Day(14), score: 76), History.Before(Entry.Csbd19(At.Day(0), score: 19))).ShouldBeNull();
}

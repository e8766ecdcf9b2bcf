using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MeasureWorsening;

public class when_a_phq_9_rises_over_the_previous_one
{
    private static readonly MeasureFact Previous = Entry.Phq9(At.Day(0), score: 8);

    [Fact]
    public void six_points_fire_high_as_rule_set_v2_with_both_measures_as_evidence()
    {
        var worse = Entry.Phq9(At.Day(14), score: 14);

        AlertRules.MeasureWorseningRule(worse, History.Before(Previous))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, Previous, worse);
    }

    [Fact]
    public void five_points_stay_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(14), score: 13), History.Before(Previous)).ShouldBeNull();

    [Fact]
    public void an_improvement_stays_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(14), score: 1), History.Before(Previous)).ShouldBeNull();

    [Fact]
    public void the_first_phq_9_stays_silent_however_high() =>
        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(14), score: 27), History.Before(Entry.Gad7(At.Day(0), score: 0))).ShouldBeNull();

    [Fact]
    public void it_compares_with_the_previous_phq_9_not_the_lowest_one()
    {
        var lowest = Entry.Phq9(At.Day(0), score: 2);
        var previous = Entry.Phq9(At.Day(14), score: 7);

        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(28), score: 12), History.Before(lowest, previous)).ShouldBeNull();
    }

    [Fact]
    public void the_previous_phq_9_counts_however_long_ago_it_was()
    {
        var longAgo = Entry.Phq9(At.Day(-400), score: 3);
        var worse = Entry.Phq9(At.Day(14), score: 9);

        AlertRules.MeasureWorseningRule(worse, History.Before(longAgo))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, longAgo, worse);
    }

    [Fact]
    public void it_is_what_fires_with_a_healthy_item_9()
    {
        var worse = Entry.Phq9(At.Day(14), score: 14);

        AlertRules.Evaluate(worse, History.Before(Previous)).Fired().ShouldBe(["measure-worsening/high"]);
    }

    [Fact]
    public void with_item_9_answered_safety_fires_too() =>
        AlertRules.Evaluate(Entry.Phq9(At.Day(14), score: 14, selfHarm: 1), History.Before(Previous)).Fired()
            .ShouldBe(["safety/critical", "measure-worsening/high"]);

    [Fact]
    public void rule_set_v1_does_not_know_it() =>
        AlertRules.Evaluate(Entry.Phq9(At.Day(14), score: 14), History.Before(Previous), AlertRules.V1).ShouldBeEmpty();
}

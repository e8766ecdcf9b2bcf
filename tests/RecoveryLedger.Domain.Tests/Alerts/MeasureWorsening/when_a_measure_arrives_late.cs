using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MeasureWorsening;

/// <summary>
/// A measure synced after a newer one of its instrument: compared with its predecessor, and its
/// successor (already arrived) compared again, with it.
/// </summary>
public class when_a_measure_arrives_late
{
    private static readonly MeasureFact Predecessor = Entry.Phq9(At.Day(0), score: 10);
    private static readonly MeasureFact Successor = Entry.Phq9(At.Day(28), score: 12);

    [Fact]
    public void its_successor_is_compared_again_and_the_evidence_is_both_ids()
    {
        var late = Entry.Phq9(At.Day(14), score: 5);

        AlertRules.MeasureWorseningRule(late, History.Before(Predecessor, Successor))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, late, Successor);
    }

    [Fact]
    public void it_is_compared_with_its_predecessor()
    {
        var late = Entry.Phq9(At.Day(14), score: 16);

        AlertRules.MeasureWorseningRule(late, History.Before(Predecessor, Successor))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, Predecessor, late);
    }

    [Fact]
    public void worse_than_its_predecessor_and_much_better_than_its_successor_cites_all_three_in_one_trigger()
    {
        var successor = Entry.Phq9(At.Day(28), score: 27);
        var late = Entry.Phq9(At.Day(14), score: 16);

        AlertRules.MeasureWorseningRule(late, History.Before(Predecessor, successor))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, Predecessor, late, successor);
    }

    [Fact]
    public void in_between_both_comparisons_stays_silent() =>
        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(14), score: 11), History.Before(Predecessor, Successor)).ShouldBeNull();

    [Fact]
    public void only_the_nearest_successor_is_compared_again()
    {
        var nearer = Entry.Phq9(At.Day(21), score: 6);
        var late = Entry.Phq9(At.Day(14), score: 5);

        AlertRules.MeasureWorseningRule(late, History.Before(Predecessor, Successor, nearer)).ShouldBeNull();
    }

    [Fact]
    public void a_late_first_measure_re_compares_its_successor_months_later()
    {
        var successor = Entry.Gad7(At.Day(200), score: 15);
        var late = Entry.Gad7(At.Day(10), score: 11);

        AlertRules.MeasureWorseningRule(late, History.Before(successor))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, late, successor);
    }
}

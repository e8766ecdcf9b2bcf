using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MeasureWorsening;

/// <summary>"Previous" is the previous measure of the same instrument: a GAD-7 between two PHQ-9s is not it.</summary>
public class when_another_instrument_lies_in_between
{
    private static readonly MeasureFact FirstPhq9 = Entry.Phq9(At.Day(0), score: 4);
    private static readonly MeasureFact Gad7 = Entry.Gad7(At.Day(7), score: 20);

    [Fact]
    public void the_phq_9_is_compared_with_the_phq_9_before_it()
    {
        var phq9 = Entry.Phq9(At.Day(14), score: 10);

        AlertRules.MeasureWorseningRule(phq9, History.Before(FirstPhq9, Gad7))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, FirstPhq9, phq9);
    }

    [Fact]
    public void a_low_gad_7_in_between_does_not_make_a_phq_9_worse() =>
        AlertRules.MeasureWorseningRule(Entry.Phq9(At.Day(14), score: 9),
            History.Before(FirstPhq9, Entry.Gad7(At.Day(7), score: 0))).ShouldBeNull();

    [Fact]
    public void a_late_gad_7_does_not_re_compare_a_phq_9() =>
        AlertRules.MeasureWorseningRule(Entry.Gad7(At.Day(3), score: 0), History.Before(FirstPhq9, Entry.Phq9(At.Day(14), score: 27)))
            .ShouldBeNull();
}

using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MeasureWorsening;

/// <summary>Ties of occurredAt: the earlier recordedAt comes first, then the smaller id.</summary>
public class when_two_measures_occurred_at_the_same_instant
{
    private static readonly DateTimeOffset Same = At.Day(14);
    private static readonly Guid Low = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid High = Guid.Parse("ffffffff-0000-0000-0000-000000000001");

    // The larger id, recorded first: recordedAt decides before the id does.
    private static readonly MeasureFact RecordedFirst = Entry.Phq9(Same, score: 3, recordedAt: At.Day(15), id: High);
    private static readonly MeasureFact RecordedLater = Entry.Phq9(Same, score: 9, recordedAt: At.Day(16), id: Low);

    [Fact]
    public void the_one_recorded_earlier_is_the_previous_one() =>
        AlertRules.MeasureWorseningRule(RecordedLater, History.Before(RecordedFirst))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, RecordedFirst, RecordedLater);

    [Fact]
    public void judged_after_the_other_the_one_recorded_earlier_re_compares_it() =>
        AlertRules.MeasureWorseningRule(RecordedFirst, History.Before(RecordedLater))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, RecordedFirst, RecordedLater);

    [Fact]
    public void recorded_together_the_smaller_id_is_the_previous_one()
    {
        var first = Entry.Gad7(Same, score: 2, recordedAt: At.Day(15), id: Low);
        var second = Entry.Gad7(Same, score: 6, recordedAt: At.Day(15), id: High);

        AlertRules.MeasureWorseningRule(second, History.Before(first))
            .ShouldFire(AlertRules.MeasureWorsening, AlertRules.V2, Severity.High, first, second);
        // Swapped scores: the smaller id is still first, so the one with the larger id improved.
        AlertRules.MeasureWorseningRule(second with { Score = 2 }, History.Before(first with { Score = 6 })).ShouldBeNull();
    }
}

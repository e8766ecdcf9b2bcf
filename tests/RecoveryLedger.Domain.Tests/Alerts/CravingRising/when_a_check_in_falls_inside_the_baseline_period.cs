using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>The baseline period is the 14 days from the client's first check-in; only a check-in after it is evaluated.</summary>
public class when_a_check_in_falls_inside_the_baseline_period
{
    private static readonly CheckInFact[] Baseline = Entry.DailyCheckIns(2, 2, 2, 2, 2, 2, 2);
    private static readonly CheckInFact Day13 = Entry.CheckIn(At.Day(13), craving: 10);

    [Fact]
    public void it_never_fires() =>
        AlertRules.CravingRisingRule(Entry.CheckIn(At.Day(14).AddSeconds(-1), craving: 10), History.Before([.. Baseline, Day13]))
            .ShouldBeNull();

    [Fact]
    public void one_exactly_14_days_after_the_first_check_in_is_after_it_and_fires()
    {
        // Baseline: seven 2s and the 10 of day 13: μ = 3, σ = √7 ≈ 2.65, μ + 1.5σ ≈ 6.97; recent mean 10.
        var checkIn = Entry.CheckIn(At.Day(14), craving: 10);

        AlertRules.CravingRisingRule(checkIn, History.Before([.. Baseline, Day13]))
            .ShouldFire(AlertRules.CravingRising, Severity.Medium, Day13, checkIn);
    }

    [Fact]
    public void the_period_runs_from_the_first_check_in_not_from_the_programme_start()
    {
        // The programme starts at the origin; the first check-in is on day 5, so the baseline runs to day 19.
        CheckInFact[] fromDay5 = [.. Enumerable.Range(5, 7).Select(day => Entry.CheckIn(At.Day(day), craving: 2))];

        AlertRules.CravingRisingRule(Entry.CheckIn(At.Day(18), craving: 10), History.Before([.. fromDay5, Entry.CheckIn(At.Day(17), 10)]))
            .ShouldBeNull();
    }
}

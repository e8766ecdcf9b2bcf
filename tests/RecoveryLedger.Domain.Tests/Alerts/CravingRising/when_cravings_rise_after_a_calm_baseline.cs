using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>
/// Baseline: cravings 2,2,2,2,2,2,2 on days 0–6, so μ = 2 and σ = 0, raised to 0.5; μ + 1.5σ = 2.75, and the
/// floor of 6 is what counts. The check-ins below lie after the baseline period (day 14 on).
/// </summary>
public class when_cravings_rise_after_a_calm_baseline
{
    private static readonly CheckInFact[] Baseline = Entry.DailyCheckIns(2, 2, 2, 2, 2, 2, 2);

    private static Trigger? Evaluate(CheckInFact checkIn, params CheckInFact[] recent) =>
        AlertRules.CravingRisingRule(checkIn, History.Before([.. Baseline, .. recent]));

    [Fact]
    public void two_recent_check_ins_with_a_mean_craving_of_6_fire_medium_with_them_as_evidence()
    {
        var earlier = Entry.CheckIn(At.Day(15), craving: 6);
        var checkIn = Entry.CheckIn(At.Day(15.5), craving: 6);

        Evaluate(checkIn, earlier).ShouldFire(AlertRules.CravingRising, Severity.Medium, earlier, checkIn);
    }

    [Fact]
    public void a_recent_mean_of_5_5_is_below_the_floor_and_does_not_fire() =>
        Evaluate(Entry.CheckIn(At.Day(15.5), craving: 6), Entry.CheckIn(At.Day(15), craving: 5)).ShouldBeNull();

    [Fact]
    public void a_single_recent_check_in_does_not_fire_however_high() =>
        Evaluate(Entry.CheckIn(At.Day(15), craving: 10)).ShouldBeNull();

    [Fact]
    public void it_is_only_the_check_in_itself_that_fires_it()
    {
        var recent = History.Before([.. Baseline, Entry.CheckIn(At.Day(15), 10), Entry.CheckIn(At.Day(15.5), 10)]);

        AlertRules.CravingRisingRule(Entry.CheckIn(At.Day(16), craving: 10), recent).ShouldNotBeNull();
        AlertRules.Evaluate(Entry.Urge(At.Day(16), 10), recent).ShouldBeEmpty();
    }
}

using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>
/// The recent check-ins of c are those in (c − 72 h, c]. Calm baseline (threshold 6); c on day 20 with craving 6,
/// one of craving 5 on day 19: their mean is 5.5 and only a 10 inside the window lifts it to 7.
/// </summary>
public class when_the_recent_window_is_measured
{
    private static readonly CheckInFact[] Baseline = Entry.DailyCheckIns(2, 2, 2, 2, 2, 2, 2);
    private static readonly CheckInFact Day19 = Entry.CheckIn(At.Day(19), craving: 5);
    private static readonly CheckInFact CheckIn = Entry.CheckIn(At.Day(20), craving: 6);

    [Fact]
    public void a_check_in_exactly_72_hours_before_c_is_excluded() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline, Entry.CheckIn(At.Day(17), craving: 10), Day19])).ShouldBeNull();

    [Fact]
    public void a_check_in_72_hours_less_a_second_before_c_is_included()
    {
        var edge = Entry.CheckIn(At.Day(17).AddSeconds(1), craving: 10);

        AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline, edge, Day19]))
            .ShouldFire(AlertRules.CravingRising, Severity.Medium, edge, Day19, CheckIn);
    }

    [Fact]
    public void a_check_in_after_c_that_arrived_before_it_is_not_recent() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. Baseline, Day19, Entry.CheckIn(At.Day(20.5), craving: 10)])).ShouldBeNull();
}

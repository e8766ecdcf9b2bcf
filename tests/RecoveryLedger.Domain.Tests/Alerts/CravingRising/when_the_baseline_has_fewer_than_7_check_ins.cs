using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>Six check-ins (craving 2) on days 0–5, then two of craving 10 well after the baseline period.</summary>
public class when_the_baseline_has_fewer_than_7_check_ins
{
    private static readonly CheckInFact[] SixDays = Entry.DailyCheckIns(2, 2, 2, 2, 2, 2);
    private static readonly CheckInFact Earlier = Entry.CheckIn(At.Day(15), craving: 10);
    private static readonly CheckInFact CheckIn = Entry.CheckIn(At.Day(15.5), craving: 10);

    [Fact]
    public void it_does_not_fire() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. SixDays, Earlier])).ShouldBeNull();

    [Fact]
    public void a_seventh_within_the_14_days_makes_it_fire() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. SixDays, Entry.CheckIn(At.Day(10), craving: 2), Earlier]))
            .ShouldFire(AlertRules.CravingRising, Severity.Medium, Earlier, CheckIn);

    [Fact]
    public void one_exactly_14_days_after_the_first_is_not_part_of_it() =>
        AlertRules.CravingRisingRule(CheckIn, History.Before([.. SixDays, Entry.CheckIn(At.Day(14), craving: 2), Earlier])).ShouldBeNull();
}

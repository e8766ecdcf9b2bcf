using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.SlipCluster;

public class when_two_middle_slips_fall_within_7_days
{
    private static readonly LapseFact First = Entry.MiddleSlip(At.Day(0));

    [Fact]
    public void it_fires_medium_with_both_slips_as_evidence()
    {
        var second = Entry.MiddleSlip(At.Day(3));

        AlertRules.SlipClusterRule(second, History.Before(First)).ShouldFire(AlertRules.SlipCluster, Severity.Medium, First, second);
    }

    [Fact]
    public void it_fires_when_they_are_exactly_7_days_apart()
    {
        var second = Entry.MiddleSlip(At.Day(7));

        AlertRules.SlipClusterRule(second, History.Before(First)).ShouldFire(AlertRules.SlipCluster, Severity.Medium, First, second);
    }

    [Fact]
    public void it_does_not_fire_when_they_are_7_days_and_a_second_apart()
    {
        var second = Entry.MiddleSlip(At.Day(7).AddSeconds(1));

        AlertRules.SlipClusterRule(second, History.Before(First)).ShouldBeNull();
        AlertRules.SlipClusterRule(First, History.Before(second)).ShouldBeNull(); // the earlier one arriving last
    }

    [Fact]
    public void a_single_slip_does_not_fire() =>
        AlertRules.SlipClusterRule(First, History.Before()).ShouldBeNull();
}

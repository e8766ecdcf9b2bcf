using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.SlipCluster;

/// <summary>docs/domain.md: a repeat is "a third slip inside 7 days".</summary>
public class when_a_third_slip_falls_within_7_days
{
    [Fact]
    public void it_fires_again_with_all_three_as_evidence()
    {
        LapseFact first = Entry.MiddleSlip(At.Day(0)), second = Entry.MiddleSlip(At.Day(3));
        var third = Entry.MiddleSlip(At.Day(5));

        AlertRules.SlipClusterRule(third, History.Before(first, second))
            .ShouldFire(AlertRules.SlipCluster, Severity.Medium, first, second, third);
    }
}

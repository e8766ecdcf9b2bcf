using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Lapses;

public class when_an_inner_lapse_is_recorded
{
    private static readonly LapseFact Lapse = Entry.InnerLapse(At.Day(10));

    [Fact]
    public void it_fires_high_with_the_lapse_as_evidence() =>
        AlertRules.LapseRule(Lapse, History.Before()).ShouldFire(AlertRules.Lapse, Severity.High, Lapse);

    [Fact]
    public void it_is_not_a_slip_so_a_recent_slip_makes_no_cluster() =>
        AlertRules.Evaluate(Lapse, History.Before(Entry.MiddleSlip(At.Day(9)))).Fired().ShouldBe(["lapse/high"]);
}

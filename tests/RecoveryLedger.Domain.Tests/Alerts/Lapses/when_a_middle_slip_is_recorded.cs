using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Lapses;

public class when_a_middle_slip_is_recorded
{
    private static readonly LapseFact Slip = Entry.MiddleSlip(At.Day(10));

    [Fact]
    public void lapse_does_not_fire() => AlertRules.LapseRule(Slip, History.Before()).ShouldBeNull();

    [Fact]
    public void a_single_slip_fires_nothing() => AlertRules.Evaluate(Slip, History.Before()).ShouldBeEmpty();
}

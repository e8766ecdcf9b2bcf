using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Safety;

public class when_a_check_in_carries_a_safety_concern
{
    private static readonly CheckInFact CheckIn = Entry.CheckIn(At.Day(3), craving: 1, safetyConcern: true);

    [Fact]
    public void it_fires_critical_with_the_check_in_as_evidence() =>
        AlertRules.SafetyRule(CheckIn).ShouldFire(AlertRules.Safety, Severity.Critical, CheckIn);

    [Fact]
    public void it_is_all_that_fires_without_any_history() =>
        AlertRules.Evaluate(CheckIn, History.Before()).Fired().ShouldBe(["safety/critical"]);
}

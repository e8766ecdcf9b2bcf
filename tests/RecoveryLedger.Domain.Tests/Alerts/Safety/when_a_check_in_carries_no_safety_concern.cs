using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Safety;

public class when_a_check_in_carries_no_safety_concern
{
    private static readonly CheckInFact CheckIn = Entry.CheckIn(At.Day(3), craving: 10);

    [Fact]
    public void safety_does_not_fire() => AlertRules.SafetyRule(CheckIn).ShouldBeNull();

    [Fact]
    public void nothing_fires() => AlertRules.Evaluate(CheckIn, History.Before()).ShouldBeEmpty();

    [Fact]
    public void no_other_kind_of_entry_fires_safety_either()
    {
        Fact[] others =
            [Entry.Urge(At.Day(3), 10), Entry.InnerLapse(At.Day(3)), Entry.MiddleSlip(At.Day(3)), Entry.MissedSession(At.Day(3))];

        others.ShouldAllBe(entry => AlertRules.SafetyRule(entry) == null);
    }
}

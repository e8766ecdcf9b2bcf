using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.UrgeEscalation;

/// <summary>docs/domain.md: late, back-dated entries take part like any other (a back-dated urge that completes a 24-hour cluster fires).</summary>
public class when_a_back_dated_urge_completes_a_cluster
{
    [Fact]
    public void it_fires_when_it_occurred_between_the_others()
    {
        UrgeFact early = Entry.Urge(At.Hour(0), 7), late = Entry.Urge(At.Hour(20), 7);
        var backDated = Entry.Urge(At.Hour(10), 7);

        AlertRules.UrgeEscalationRule(backDated, History.Before(early, late))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, early, backDated, late);
    }

    [Fact]
    public void it_fires_when_it_occurred_before_the_others()
    {
        UrgeFact second = Entry.Urge(At.Hour(10), 7), third = Entry.Urge(At.Hour(24), 7);
        var backDated = Entry.Urge(At.Hour(0), 7);

        AlertRules.UrgeEscalationRule(backDated, History.Before(second, third))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, backDated, second, third);
    }
}

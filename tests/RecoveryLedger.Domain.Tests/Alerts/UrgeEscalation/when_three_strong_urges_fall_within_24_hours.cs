using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.UrgeEscalation;

public class when_three_strong_urges_fall_within_24_hours
{
    private static readonly UrgeFact First = Entry.Urge(At.Hour(0), intensity: 7);
    private static readonly UrgeFact Second = Entry.Urge(At.Hour(10), intensity: 10);

    [Fact]
    public void it_fires_medium_with_the_three_urges_as_evidence()
    {
        var third = Entry.Urge(At.Hour(20), intensity: 8);

        AlertRules.UrgeEscalationRule(third, History.Before(First, Second))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, First, Second, third);
    }

    [Fact]
    public void it_fires_when_the_first_and_the_last_are_exactly_24_hours_apart()
    {
        var third = Entry.Urge(At.Hour(24), intensity: 7);

        AlertRules.UrgeEscalationRule(third, History.Before(First, Second))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, First, Second, third);
    }

    [Fact]
    public void it_does_not_fire_when_they_are_24_hours_and_a_second_apart()
    {
        var third = Entry.Urge(At.Hour(24).AddSeconds(1), intensity: 7);

        AlertRules.UrgeEscalationRule(third, History.Before(First, Second)).ShouldBeNull();
    }

    [Fact]
    public void it_does_not_fire_for_the_middle_one_arriving_last_when_they_span_more_than_24_hours()
    {
        var last = Entry.Urge(At.Hour(24).AddSeconds(1), intensity: 7);

        AlertRules.UrgeEscalationRule(Second, History.Before(First, last)).ShouldBeNull();
    }
}

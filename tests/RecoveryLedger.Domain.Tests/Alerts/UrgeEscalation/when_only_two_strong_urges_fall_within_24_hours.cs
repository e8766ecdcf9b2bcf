using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.UrgeEscalation;

public class when_only_two_strong_urges_fall_within_24_hours
{
    [Fact]
    public void it_does_not_fire() =>
        AlertRules.UrgeEscalationRule(Entry.Urge(At.Hour(6), 10), History.Before(Entry.Urge(At.Hour(0), 8))).ShouldBeNull();

    [Fact]
    public void urges_of_intensity_6_do_not_count()
    {
        var before = History.Before(Entry.Urge(At.Hour(0), 7), Entry.Urge(At.Hour(5), 6), Entry.Urge(At.Hour(8), 6));

        AlertRules.UrgeEscalationRule(Entry.Urge(At.Hour(10), 7), before).ShouldBeNull();
    }

    [Fact]
    public void a_third_strong_one_fires_and_leaves_the_weak_ones_out_of_the_evidence()
    {
        UrgeFact strong = Entry.Urge(At.Hour(0), 7), weak = Entry.Urge(At.Hour(5), 6), alsoStrong = Entry.Urge(At.Hour(8), 9);
        var third = Entry.Urge(At.Hour(10), 7);

        AlertRules.UrgeEscalationRule(third, History.Before(strong, weak, alsoStrong))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, strong, alsoStrong, third);
    }
}

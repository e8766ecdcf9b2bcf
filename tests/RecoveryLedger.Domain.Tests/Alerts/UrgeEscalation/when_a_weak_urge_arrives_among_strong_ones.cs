using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.UrgeEscalation;

/// <summary>Three strong urges already make a cluster; a new urge below 7 is not itself part of it, so it is no repeat.</summary>
public class when_a_weak_urge_arrives_among_strong_ones
{
    private static readonly RuleContext ThreeStrong =
        History.Before(Entry.Urge(At.Hour(0), 7), Entry.Urge(At.Hour(1), 8), Entry.Urge(At.Hour(2), 10));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void it_never_fires(int intensity)
    {
        var weak = Entry.Urge(At.Hour(3), intensity);

        AlertRules.UrgeEscalationRule(weak, ThreeStrong).ShouldBeNull();
        AlertRules.Evaluate(weak, ThreeStrong).ShouldBeEmpty();
    }

    [Fact]
    public void a_strong_one_in_its_place_fires() =>
        AlertRules.UrgeEscalationRule(Entry.Urge(At.Hour(3), 7), ThreeStrong).ShouldNotBeNull().Evidence.Count.ShouldBe(4);
}

using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.UrgeEscalation;

/// <summary>docs/domain.md: a repeat is a new entry that itself satisfies the condition — "the 4th strong urge inside 24 h".</summary>
public class when_a_fourth_strong_urge_falls_within_the_same_24_hours
{
    [Fact]
    public void it_fires_again_with_all_four_as_evidence()
    {
        UrgeFact first = Entry.Urge(At.Hour(0), 7), second = Entry.Urge(At.Hour(6), 8), third = Entry.Urge(At.Hour(12), 9);
        var fourth = Entry.Urge(At.Hour(18), 7);

        AlertRules.UrgeEscalationRule(fourth, History.Before(first, second, third))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, first, second, third, fourth);
    }

    [Fact]
    public void when_the_urges_spread_over_more_than_24_hours_the_evidence_is_the_fullest_window_around_the_new_one()
    {
        var outside = Entry.Urge(At.Hour(0), 7); // [0 h, 24 h] holds it and the new urge: 4 urges
        UrgeFact at10 = Entry.Urge(At.Hour(10), 7), at20 = Entry.Urge(At.Hour(20), 7), at26 = Entry.Urge(At.Hour(26), 7), at30 = Entry.Urge(At.Hour(30), 7);
        var newUrge = Entry.Urge(At.Hour(22), 8); // [10 h, 34 h] holds 5

        AlertRules.UrgeEscalationRule(newUrge, History.Before(outside, at10, at20, at26, at30))
            .ShouldFire(AlertRules.UrgeEscalation, Severity.Medium, at10, at20, newUrge, at26, at30);
    }
}

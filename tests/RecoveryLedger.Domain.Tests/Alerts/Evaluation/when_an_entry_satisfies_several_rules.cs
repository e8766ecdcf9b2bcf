using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Evaluation;

public class when_an_entry_satisfies_several_rules
{
    [Fact]
    public void each_fires_once_in_rule_order()
    {
        var before = History.Before([.. Entry.DailyCheckIns(2, 2, 2, 2, 2, 2, 2), Entry.CheckIn(At.Day(15), craving: 9)]);
        var checkIn = Entry.CheckIn(At.Day(15.5), craving: 9, safetyConcern: true);

        AlertRules.Evaluate(checkIn, before).Fired().ShouldBe(["safety/critical", "craving-rising/medium"]);
    }

    [Fact]
    public void an_in_programme_slip_can_make_a_cluster_without_being_a_lapse() =>
        AlertRules.Evaluate(Entry.MiddleSlip(At.Day(2)), History.Before(Entry.MiddleSlip(At.Day(1)))).Fired().ShouldBe(["slip-cluster/medium"]);
}

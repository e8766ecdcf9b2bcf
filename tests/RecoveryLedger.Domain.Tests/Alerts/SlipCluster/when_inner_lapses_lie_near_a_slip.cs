using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.SlipCluster;

/// <summary>Inner-circle lapses are lapses, not slips: they neither complete nor make a slip cluster.</summary>
public class when_inner_lapses_lie_near_a_slip
{
    [Fact]
    public void they_do_not_count_towards_a_cluster() =>
        AlertRules.SlipClusterRule(Entry.MiddleSlip(At.Day(2)), History.Before(Entry.InnerLapse(At.Day(0)), Entry.InnerLapse(At.Day(1))))
            .ShouldBeNull();

    [Fact]
    public void a_new_inner_lapse_after_a_slip_is_no_slip_cluster()
    {
        var lapse = Entry.InnerLapse(At.Day(1));
        var context = History.Before(Entry.MiddleSlip(At.Day(0)));

        AlertRules.SlipClusterRule(lapse, context).ShouldBeNull();
        AlertRules.Evaluate(lapse, context).Fired().ShouldBe(["lapse/high"]);
    }
}

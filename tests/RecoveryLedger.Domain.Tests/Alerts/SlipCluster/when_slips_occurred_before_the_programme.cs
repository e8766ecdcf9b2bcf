using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.SlipCluster;

/// <summary>docs/domain.md: lapses (of either circle) that occurred before sobrietyStartedAt are history and raise nothing.</summary>
public class when_slips_occurred_before_the_programme
{
    private static readonly DateTimeOffset SobrietyStartedAt = At.Day(10);

    [Fact]
    public void a_pre_programme_slip_does_not_complete_a_cluster() =>
        AlertRules.SlipClusterRule(Entry.MiddleSlip(At.Day(11)), History.InProgrammeFrom(SobrietyStartedAt, Entry.MiddleSlip(At.Day(9))))
            .ShouldBeNull();

    [Fact]
    public void two_pre_programme_slips_raise_nothing()
    {
        var slip = Entry.MiddleSlip(At.Day(9));
        var context = History.InProgrammeFrom(SobrietyStartedAt, Entry.MiddleSlip(At.Day(8)));

        AlertRules.SlipClusterRule(slip, context).ShouldBeNull();
        AlertRules.Evaluate(slip, context).ShouldBeEmpty();
    }

    [Fact]
    public void a_back_dated_pre_programme_slip_raises_nothing_even_next_to_one_in_the_programme() =>
        AlertRules.SlipClusterRule(Entry.MiddleSlip(SobrietyStartedAt.AddSeconds(-1)),
                History.InProgrammeFrom(SobrietyStartedAt, Entry.MiddleSlip(At.Day(11))))
            .ShouldBeNull();

    [Fact]
    public void slips_from_sobriety_started_at_on_count()
    {
        LapseFact atStart = Entry.MiddleSlip(SobrietyStartedAt), next = Entry.MiddleSlip(At.Day(11));

        AlertRules.SlipClusterRule(next, History.InProgrammeFrom(SobrietyStartedAt, atStart))
            .ShouldFire(AlertRules.SlipCluster, Severity.Medium, atStart, next);
    }
}

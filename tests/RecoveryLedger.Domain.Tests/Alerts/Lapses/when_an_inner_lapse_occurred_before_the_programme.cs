using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Lapses;

/// <summary>docs/domain.md: lapses that occurred before sobrietyStartedAt are history and raise nothing.</summary>
public class when_an_inner_lapse_occurred_before_the_programme
{
    private static readonly DateTimeOffset SobrietyStartedAt = At.Day(10);

    [Fact]
    public void it_raises_nothing()
    {
        var lapse = Entry.InnerLapse(SobrietyStartedAt.AddSeconds(-1));
        var context = History.InProgrammeFrom(SobrietyStartedAt);

        AlertRules.LapseRule(lapse, context).ShouldBeNull();
        AlertRules.Evaluate(lapse, context).ShouldBeEmpty();
    }

    [Fact]
    public void one_exactly_at_sobriety_started_at_is_inside_the_programme_and_fires()
    {
        var lapse = Entry.InnerLapse(SobrietyStartedAt);

        AlertRules.LapseRule(lapse, History.InProgrammeFrom(SobrietyStartedAt)).ShouldFire(AlertRules.Lapse, Severity.High, lapse);
    }
}

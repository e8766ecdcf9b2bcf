using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Safety;

public class when_a_phq_9_reports_thoughts_of_self_harm
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void item_9_answered_1_or_more_fires_critical_as_rule_set_v2(int answer)
    {
        var phq9 = Entry.Phq9(At.Day(3), score: 4, selfHarm: answer);

        AlertRules.SafetyRule(phq9).ShouldFire(AlertRules.Safety, AlertRules.V2, Severity.Critical, phq9);
    }

    [Fact]
    public void it_fires_whatever_the_total_score() =>
        AlertRules.SafetyRule(Entry.Phq9(At.Day(3), score: 1, selfHarm: 1)).ShouldNotBeNull();

    [Fact]
    public void item_9_answered_0_stays_silent_however_high_the_score() =>
        AlertRules.SafetyRule(Entry.Phq9(At.Day(3), score: 27 - 3, selfHarm: 0)).ShouldBeNull();

    [Fact]
    public void gad_7_and_csbd_19_never_raise_safety()
    {
        AlertRules.SafetyRule(Entry.Gad7(At.Day(3), score: 21)).ShouldBeNull();
        AlertRules.SafetyRule(Entry.Csbd19(At.Day(3), score: 76)).ShouldBeNull();
    }

    [Fact]
    public void the_fact_of_a_recorded_phq_9_reads_item_9_from_the_answers()
    {
        var fact = MeasureFact.Of(Guid.NewGuid(), At.Day(3), At.Day(4), "phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 2]);

        fact.Score.ShouldBe(2);
        fact.SelfHarm.ShouldBe(2);
        AlertRules.SafetyRule(fact).ShouldNotBeNull();
    }

    [Fact]
    public void rule_set_v1_does_not_know_it() =>
        AlertRules.Evaluate(Entry.Phq9(At.Day(3), score: 4, selfHarm: 1), History.Before(), AlertRules.V1).ShouldBeEmpty();
}

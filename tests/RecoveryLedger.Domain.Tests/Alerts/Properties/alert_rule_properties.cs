using System.Collections.Concurrent;
using CsCheck;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Properties;

public class alert_rule_properties
{
    private const int Iterations = 2_000;

    [Fact]
    public void shuffling_what_arrived_before_never_changes_the_result() =>
        AlertGenerators.Case
            .SelectMany(c => Gen.Shuffle(c.Before.ToArray()).Select(shuffled => (c, shuffled)))
            .Sample((c, shuffled) => (c with { Before = shuffled }).Verdict().ShouldBe(c.Verdict()), iter: Iterations);

    [Fact]
    public void the_offsets_the_instants_are_written_with_never_change_the_result() =>
        AlertGenerators.Case.Sample(c =>
        {
            var utc = new AlertCase(
                c.SobrietyStartedAt.ToUniversalTime(),
                [.. c.Before.Select(f => f with { OccurredAt = f.OccurredAt.ToUniversalTime() })],
                c.NewEntry with { OccurredAt = c.NewEntry.OccurredAt.ToUniversalTime() });
            utc.Verdict().ShouldBe(c.Verdict());
        }, iter: Iterations);

    [Fact]
    public void every_trigger_cites_the_new_entry_and_only_entries_that_had_arrived() =>
        AlertGenerators.Case.Sample(c =>
        {
            var known = c.Before.Select(f => f.Id).Append(c.NewEntry.Id).ToHashSet();
            var triggers = c.Evaluate();

            triggers.Select(t => t.Rule).ShouldBeUnique();
            foreach (var trigger in triggers)
            {
                // v2 added conditions on measures only: every other entry is judged as by v1.
                trigger.RuleVersion.ShouldBe(c.NewEntry is MeasureFact ? AlertRules.V2 : AlertRules.V1);
                trigger.Evidence.ShouldContain(c.NewEntry.Id);
                trigger.Evidence.ShouldBeUnique();
                trigger.Evidence.ShouldAllBe(id => known.Contains(id));
            }
        }, iter: Iterations);

    /// <summary>Guards the properties above against passing vacuously: the generated cases make every entry rule fire.</summary>
    [Fact]
    public void the_generated_cases_make_every_entry_rule_fire()
    {
        var fired = new ConcurrentDictionary<string, int>();

        AlertGenerators.Case.Sample(c =>
        {
            foreach (var trigger in c.Evaluate())
                fired.AddOrUpdate($"{trigger.Rule}/{Severities.Name(trigger.Severity)}/v{trigger.RuleVersion}", 1, (_, n) => n + 1);
        }, iter: Iterations);

        fired.Keys.ShouldBe(
            ["safety/critical/v1", "safety/critical/v2", "lapse/high/v1", "urge-escalation/medium/v1", "slip-cluster/medium/v1",
             "missed-session/medium/v1", "missed-session/high/v1", "craving-rising/medium/v1", "measure-worsening/high/v2"],
            ignoreOrder: true,
            customMessage: string.Join(", ", fired.Select(kv => $"{kv.Key}: {kv.Value}")));
    }
}

using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Support;

internal static class TriggerAssertions
{
    /// <summary>A rule-set-v1 condition fired at this severity, with exactly these entries as evidence (in any order).</summary>
    public static void ShouldFire(this Trigger? trigger, string rule, Severity severity, params Fact[] evidence) =>
        trigger.ShouldFire(rule, AlertRules.V1, severity, evidence);

    /// <summary>A condition of rule set <paramref name="version"/> fired at this severity, with exactly these entries as evidence.</summary>
    public static void ShouldFire(this Trigger? trigger, string rule, int version, Severity severity, params Fact[] evidence)
    {
        trigger.ShouldNotBeNull($"{rule} should have fired");
        trigger.Rule.ShouldBe(rule);
        trigger.RuleVersion.ShouldBe(version);
        trigger.Severity.ShouldBe(severity);
        trigger.Evidence.ShouldBe(evidence.Select(f => f.Id), ignoreOrder: true);
    }

    /// <summary>The rules that fired, as "rule/severity", in the order <see cref="AlertRules.Evaluate"/> answers them.</summary>
    public static IEnumerable<string> Fired(this IEnumerable<Trigger> triggers) =>
        triggers.Select(t => $"{t.Rule}/{Severities.Name(t.Severity)}");
}

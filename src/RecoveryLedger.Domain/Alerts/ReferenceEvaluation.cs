namespace RecoveryLedger.Domain.Alerts;

/// <summary>An alert as the reference sees it: its rule, version, severity, how often it fired and why (evidence, sorted).</summary>
public sealed record ReferenceAlert(string Rule, int RuleVersion, Severity Severity, int Occurrences, IReadOnlyList<Guid> Evidence)
{
    /// <summary>Everything compared, evidence in full: two alerts are the same when their keys are.</summary>
    public string Key => $"{Rule} v{RuleVersion} {Severities.Name(Severity)} x{Occurrences} [{string.Join(", ", Evidence)}]";

    public static ReferenceAlert Raised(Trigger trigger) =>
        new(trigger.Rule, trigger.RuleVersion, trigger.Severity, 1, [.. trigger.Evidence.Distinct().Order()]);

    /// <summary>A repeat while active: one more occurrence, its evidence added, severity never falling.</summary>
    public ReferenceAlert Repeated(Trigger trigger) => this with
    {
        Occurrences = Occurrences + 1,
        Severity = (Severity)Math.Max((int)Severity, (int)trigger.Severity),
        Evidence = [.. Evidence.Union(trigger.Evidence).Order()],
    };

    /// <summary>Applies a trigger to the alerts by rule: a repeat of the active one, or a new alert.</summary>
    public static void Apply(IDictionary<string, ReferenceAlert> alerts, Trigger trigger) =>
        alerts[trigger.Rule] = alerts.TryGetValue(trigger.Rule, out var active) ? active.Repeated(trigger) : Raised(trigger);

    public override string ToString() =>
        $"{Rule} v{RuleVersion} {Severities.Name(Severity)} ×{Occurrences} [{string.Join(", ", Evidence.Select(id => id.ToString()[..8]))}]";
}

/// <summary>
/// The rule set applied the simplest way there is, as the product defines it: batches in arrival order,
/// the entries of a batch one by one by (occurredAt, id), every rule judged against everything that had
/// arrived before; a trigger raises an alert of its rule or, while one is active, repeats it (one more
/// occurrence, its evidence added, severity never falling). No clinician steps: every alert stays active.
/// The alert pipeline, with its pages, windows, lanes and idempotency, must raise exactly these.
/// </summary>
public static class ReferenceEvaluation
{
    public static IReadOnlyList<ReferenceAlert> Evaluate(DateTimeOffset sobrietyStartedAt, IEnumerable<IReadOnlyList<Fact>> batches)
    {
        var arrived = new List<Fact>();
        var alerts = new Dictionary<string, ReferenceAlert>();
        foreach (var batch in batches)
            foreach (var entry in batch.OrderBy(f => f.OccurredAt).ThenBy(f => f.Id))
            {
                foreach (var trigger in AlertRules.Evaluate(entry, new RuleContext(sobrietyStartedAt, arrived.ToList())))
                    ReferenceAlert.Apply(alerts, trigger);
                arrived.Add(entry);
            }
        return [.. alerts.Values.OrderBy(a => a.Rule, StringComparer.Ordinal)];
    }
}

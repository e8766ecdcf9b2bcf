using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Properties;

/// <summary>One generated input: the programme start, what had arrived before, and the new entry.</summary>
public sealed record AlertCase(DateTimeOffset SobrietyStartedAt, Fact[] Before, Fact NewEntry)
{
    public IReadOnlyList<Trigger> Evaluate() => AlertRules.Evaluate(NewEntry, new RuleContext(SobrietyStartedAt, Before));

    /// <summary>Rule id, severity and the evidence as a set: what must not depend on the order of <see cref="Before"/>.</summary>
    public IReadOnlyList<string> Verdict() =>
        [.. Evaluate().Select(t => $"{t.Rule}/{Severities.Name(t.Severity)}/v{t.RuleVersion} [{string.Join(", ", t.Evidence.Order().Select(Short))}]")];

    // Records print arrays as their type name; CsCheck shows this when it reports a shrunk failure.
    public override string ToString() =>
        $"start {SobrietyStartedAt:O}, new {Describe(NewEntry)}, before [{string.Join(", ", Before.Select(Describe))}]";

    internal static string Describe(Fact fact) => fact switch
    {
        UrgeFact u => $"urge {u.Intensity}",
        CheckInFact c => $"check-in {c.Craving}{(c.SafetyConcern ? " safety" : "")}",
        LapseFact l => l.Inner ? "inner lapse" : "middle slip",
        SessionFact s => s.Attended ? "attended session" : "missed session",
        MeasureFact m => $"{m.Instrument} {m.Score}{(m.SelfHarm is { } h ? $" item9={h}" : "")} recorded {m.RecordedAt:O}",
        _ => fact.GetType().Name,
    } + $" {fact.OccurredAt:O} {Short(fact.Id)}";

    private static string Short(Guid id) => id.ToString()[..8];
}

namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// A rule's verdict that an alert is due: which rule (and version), how severe, and the ids of the
/// entries that made it so. Whether that raises a new alert or re-triggers an active one is the
/// alert's lifecycle, not the rule's.
/// </summary>
public sealed record Trigger(string Rule, int RuleVersion, Severity Severity, IReadOnlyList<Guid> Evidence);

namespace RecoveryLedger.Api.Alerts;

/// <summary>An alert as the inbox, the caseload and a clinician's step answer it.</summary>
public sealed record AlertView(
    Guid AlertId, Guid ClientId, string Rule, int RuleVersion, string Severity, string Status, DateTimeOffset RaisedAt,
    DateTimeOffset LastTriggeredAt, int Occurrences, IReadOnlyList<Guid> Evidence)
{
    public static AlertView Of(Alert a) =>
        new(a.Id, a.ClientId, a.Rule, a.RuleVersion, a.Severity, a.Status, a.RaisedAt, a.LastTriggeredAt, a.Occurrences, a.Evidence);
}

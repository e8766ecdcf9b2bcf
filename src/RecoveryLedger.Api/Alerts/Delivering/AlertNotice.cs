namespace RecoveryLedger.Api.Alerts.Delivering;

/// <summary>
/// The webhook payload for a raised alert or a rise in severity: nothing personal, only ids and
/// words of the contract. Receivers dedupe by (alertId, severity).
/// </summary>
public sealed record AlertNotice(Guid AlertId, string Tenant, Guid ClientId, string Rule, string Severity, string Status, DateTimeOffset RaisedAt);

using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.Alerts;

// Each alert is its own stream (docs/alerts.md). Severities are the contract's words.

public sealed record AlertRaised(
    Guid AlertId, Guid ClientId, string Rule, int RuleVersion, string Severity, IReadOnlyList<Guid> Evidence,
    DateTimeOffset RaisedAt);

/// <summary>
/// Repeats while active, in one unit of work: <see cref="Occurrences"/> more occurrences (1 for events
/// written before the field existed), their new evidence, possibly a higher severity; back to open.
/// </summary>
public sealed record AlertRetriggered(IReadOnlyList<Guid> Evidence, string Severity, DateTimeOffset TriggeredAt, int Occurrences = 1);

public sealed record AlertAcknowledged(Recorder By, string? Note, DateTimeOffset At);

public sealed record AlertResolved(Recorder By, string? Note, DateTimeOffset At);

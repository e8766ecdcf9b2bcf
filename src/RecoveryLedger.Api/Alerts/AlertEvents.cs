using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.Alerts;

// Each alert is its own stream (docs/alerts.md). Severities are the contract's words.

public sealed record AlertRaised(
    Guid AlertId, Guid ClientId, string Rule, int RuleVersion, string Severity, IReadOnlyList<Guid> Evidence,
    DateTimeOffset RaisedAt);

/// <summary>A repeat while active: one more occurrence, new evidence, possibly a higher severity; back to open.</summary>
public sealed record AlertRetriggered(IReadOnlyList<Guid> Evidence, string Severity, DateTimeOffset TriggeredAt);

public sealed record AlertAcknowledged(Recorder By, string? Note, DateTimeOffset At);

public sealed record AlertResolved(Recorder By, string? Note, DateTimeOffset At);

namespace RecoveryLedger.Api.Alerts.Scheduling;

// Durable scheduled messages. Each carries the instant it was scheduled for: a check that finds its
// rule due later than that was superseded by newer activity (a newer check exists) and does nothing;
// one that arrives before its instant (clock skew between nodes) waits for it again.

/// <summary>Is the client quiet long enough for <c>disengagement</c>?</summary>
public sealed record CheckDisengagement(string Tenant, Guid ClientId, DateTimeOffset DueAt);

/// <summary>Has the current streak reached <see cref="Days"/>?</summary>
public sealed record CheckMilestone(string Tenant, Guid ClientId, int Days, DateTimeOffset DueAt);

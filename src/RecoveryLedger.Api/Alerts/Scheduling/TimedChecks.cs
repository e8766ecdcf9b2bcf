namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>Scheduled (durable) message: is the client quiet long enough for <c>disengagement</c>?</summary>
public sealed record CheckDisengagement(string Tenant, Guid ClientId);

/// <summary>Scheduled (durable) message: has the current streak reached <see cref="Days"/>?</summary>
public sealed record CheckMilestone(string Tenant, Guid ClientId, int Days);

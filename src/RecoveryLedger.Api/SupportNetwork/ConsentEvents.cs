namespace RecoveryLedger.Api.Journeys;

// The support network's history (docs/events.md, "Consents"): journey events, so that who could see what, and
// when, is itself part of the record (and of its export). Not timeline items: the timeline is the recovery.

/// <summary>
/// The client let a supporter see part of its journey: the <see cref="Scopes"/> (<c>streak</c>, <c>milestones</c>,
/// <c>mood</c>, <c>craving</c>) from <c>OccurredAt</c> (the grant) until <see cref="ExpiresAt"/>, unless revoked.
/// A grant for a supporter who already has a consent replaces it: <see cref="SupporterConsentRevoked"/> comes first.
/// </summary>
public sealed record SupporterConsentGranted(
    Guid ConsentId, Guid SupporterId, string Relationship, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

/// <summary>The consent ended at <c>OccurredAt</c>: revoked by the client, or replaced by a new grant.</summary>
public sealed record SupporterConsentRevoked(
    Guid ConsentId, Guid SupporterId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

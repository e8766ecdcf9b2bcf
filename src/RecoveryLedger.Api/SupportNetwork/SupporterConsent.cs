namespace RecoveryLedger.Api.Journeys;

/// <summary>
/// A consent as the journey keeps it, current and past (a client has a handful): enough to answer the
/// supporter's reach at any instant and to list the history. Expiry is not an event: a consent is in force
/// while <c>GrantedAt ≤ now &lt; ExpiresAt</c> and not revoked, decided at request time from the clock.
/// </summary>
public sealed record SupporterConsent(
    Guid ConsentId, Guid SupporterId, string Relationship, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt = null)
{
    public bool InForceAt(DateTimeOffset now) => GrantedAt <= now && now < ExpiresAt && (RevokedAt is null || now < RevokedAt);

    /// <summary>Not yet revoked (it may have expired): the one a new grant replaces or a revocation ends.</summary>
    public bool IsOpen => RevokedAt is null;

    public bool Grants(string scope) => Scopes.Contains(scope);
}

using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Tests.Support;

/// <summary>A user of the API: who it is, and a token that says so.</summary>
public sealed record Actor(Guid Id, string Role, string Tenant, string Token);

public static class Tokens
{
    /// <summary>A token valid from <paramref name="now"/> (a host with a moved clock validates it by that clock).</summary>
    public static Actor Actor(AuthOptions auth, string role, string tenant, Guid? id = null, DateTimeOffset? now = null)
    {
        var subject = id ?? Guid.NewGuid();
        return new Actor(subject, role, tenant,
            TokenIssuer.Issue(auth, role, tenant, subject, now ?? DateTimeOffset.UtcNow, TimeSpan.FromDays(30)));
    }
}

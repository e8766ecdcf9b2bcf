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
        var issued = now ?? DateTimeOffset.UtcNow;
        // Valid by the host's clock and by the real one, whichever the validation reads.
        var lifetime = TimeSpan.FromTicks(Math.Max(TimeSpan.FromDays(30).Ticks, (DateTimeOffset.UtcNow.AddHours(1) - issued).Ticks));
        return new Actor(subject, role, tenant, TokenIssuer.Issue(auth, role, tenant, subject, issued, lifetime));
    }
}

using System.Text.RegularExpressions;

namespace RecoveryLedger.Api.Identity;

/// <summary>The claim names of the contract and the shape each must have.</summary>
public static partial class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Tenant = "tenant";

    [GeneratedRegex("^[a-z0-9-]{1,63}$")]
    private static partial Regex TenantPattern();

    public static bool IsWellFormedTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    public static bool IsWellFormedSubject(string? subject) => Guid.TryParse(subject, out _);
}

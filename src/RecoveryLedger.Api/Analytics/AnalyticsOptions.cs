using System.Security.Cryptography;
using System.Text;

namespace RecoveryLedger.Api.Analytics;

/// <summary>The <c>Analytics</c> configuration section.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// The key of the keyed pseudonym (HMAC-SHA256 of the client id) that replaces client ids in the
    /// analytics read models. Held in configuration (a secret store in production), never in the read
    /// models: without it the pseudonyms cannot be linked back to clients.
    /// </summary>
    public string? PseudonymKey { get; set; }
}

/// <summary>Keyed pseudonyms: the same client gives the same pseudonym, and nothing leads back without the key.</summary>
public sealed class Pseudonyms(byte[] key)
{
    public Guid Of(string tenant, Guid clientId) =>
        new(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}/{clientId:N}")).AsSpan(0, 16));

    public static Pseudonyms From(AnalyticsOptions options, bool isDevelopment)
    {
        if (!string.IsNullOrWhiteSpace(options.PseudonymKey)) return new Pseudonyms(Encoding.UTF8.GetBytes(options.PseudonymKey));
        if (isDevelopment) return new Pseudonyms(Encoding.UTF8.GetBytes("development-only-analytics-pseudonym-key"));
        throw new InvalidOperationException("Analytics:PseudonymKey must be set outside Development.");
    }
}

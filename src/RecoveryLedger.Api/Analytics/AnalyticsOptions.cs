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
public sealed class Pseudonyms(byte[]? key)
{
    public const string MissingKey = "Analytics:PseudonymKey must be set outside Development.";

    public bool HasKey => key is not null;

    public Guid Of(string tenant, Guid clientId) =>
        new(HMACSHA256.HashData(key ?? throw new InvalidOperationException(MissingKey), Encoding.UTF8.GetBytes($"{tenant}/{clientId:N}")).AsSpan(0, 16));

    /// <summary>
    /// Development has a fixed key so that it works out of the box. Elsewhere a missing key is not an
    /// error until the service starts (<see cref="PseudonymKeyCheck"/>), so that commands which never
    /// touch analytics (dev-token, db-apply, codegen) still run.
    /// </summary>
    public static Pseudonyms From(AnalyticsOptions options, bool isDevelopment) =>
        !string.IsNullOrWhiteSpace(options.PseudonymKey) ? new Pseudonyms(Encoding.UTF8.GetBytes(options.PseudonymKey))
        : isDevelopment ? new Pseudonyms(Encoding.UTF8.GetBytes("development-only-analytics-pseudonym-key"))
        : new Pseudonyms(null);
}

/// <summary>Refuses to start the service without the pseudonym key: analytics would otherwise fail later, quietly.</summary>
public sealed class PseudonymKeyCheck(Pseudonyms pseudonyms) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        pseudonyms.HasKey ? Task.CompletedTask : throw new InvalidOperationException(Pseudonyms.MissingKey);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace RecoveryLedger.Api.Identity;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key: the UTF-8 bytes of this string, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "recoveryledger-dev";
    public string Audience { get; set; } = "recoveryledger";
    /// <summary>Production alternative: an OpenID Connect issuer whose keys are discovered.</summary>
    public string? Authority { get; set; }
    /// <summary>
    /// Whether the authority's metadata and keys must come over HTTPS (JwtBearer's <c>RequireHttpsMetadata</c>).
    /// Always on in production; only a test's loopback authority turns it off.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The contract allows at most 30 seconds of clock skew (JwtBearer's default is 5 minutes).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public const int MinimumKeyBytes = 32;

    public bool HasUsableSigningKey =>
        SigningKey is not null && System.Text.Encoding.UTF8.GetByteCount(SigningKey) >= MinimumKeyBytes;
}

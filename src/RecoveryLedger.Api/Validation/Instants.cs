using System.Globalization;
using System.Text.RegularExpressions;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// Instants as the contract has them: ISO 8601 with an explicit offset (a bare local time is
/// ambiguous, so it is refused), kept in UTC at microsecond precision (what PostgreSQL keeps), so that
/// what we answer equals what we store.
/// </summary>
public static partial class Instants
{
    /// <summary>What a field or query parameter that is not such an instant is told.</summary>
    public const string Expected = "Must be an ISO 8601 instant with an offset (Z or ±hh:mm).";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || !WithOffset().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        instant = Normalize(parsed);
        return true;
    }

    /// <summary>UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    /// <summary>The server's "now" as it is stored and answered: UTC, whole microseconds.</summary>
    public static DateTimeOffset Now(this TimeProvider clock) => Normalize(clock.GetUtcNow());
}

using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace RecoveryLedger.Domain.Streaks;

/// <summary>The clients' IANA time zones, resolved against the TZDB that ships with NodaTime.</summary>
public static class ClientTimeZones
{
    /// <summary>Whether <paramref name="ianaId"/> is a TZDB zone id (exact, case-sensitive spelling; aliases such as "US/Pacific" count).</summary>
    public static bool IsKnown([NotNullWhen(true)] string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId) is not null;

    /// <summary>The zone for <paramref name="ianaId"/>.</summary>
    /// <exception cref="ArgumentException">The id is null, blank or not in the TZDB.</exception>
    public static DateTimeZone Get(string ianaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ianaId);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId)
            ?? throw new ArgumentException($"'{ianaId}' is not an IANA time zone id known to the TZDB.", nameof(ianaId));
    }
}

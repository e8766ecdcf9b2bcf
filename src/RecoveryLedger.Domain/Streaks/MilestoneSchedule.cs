using NodaTime;

namespace RecoveryLedger.Domain.Streaks;

/// <summary>When a streak milestone falls due: the start of its local date in the client's zone.</summary>
public static class MilestoneSchedule
{
    /// <summary>Milestone <paramref name="days"/> of a streak started at <paramref name="streakStartedAt"/>.</summary>
    public static (DateOnly ReachedOn, DateTimeOffset DueAt) Of(string timeZone, DateTimeOffset streakStartedAt, int days)
    {
        var zone = ClientTimeZones.Get(timeZone);
        var reachedOn = new ClientCalendar(zone).DateOf(streakStartedAt).PlusDays(days);
        // AtStartOfDay handles a day that does not begin at midnight (a DST gap at 00:00).
        return (reachedOn.ToDateOnly(), zone.AtStartOfDay(reachedOn).ToDateTimeOffset().ToUniversalTime());
    }

    /// <summary>The local date of an instant in the client's zone.</summary>
    public static DateOnly LocalDateOf(string timeZone, DateTimeOffset instant) =>
        new ClientCalendar(ClientTimeZones.Get(timeZone)).DateOf(instant).ToDateOnly();
}

/// <summary>Wall-clock readings in the client's zone (TZDB).</summary>
public static class ClientLocalTime
{
    public static int HourOf(string timeZone, DateTimeOffset instant) =>
        NodaTime.Instant.FromDateTimeOffset(instant).InZone(ClientTimeZones.Get(timeZone)).Hour;
}

using NodaTime;

namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// The client's wall calendar. Streak days are counted between local dates, never as elapsed
/// hours / 24, so a 23- or 25-hour day at a daylight-saving change is still one day.
/// </summary>
internal sealed class ClientCalendar(DateTimeZone zone)
{
    public LocalDate DateOf(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(zone).Date;

    /// <summary>Whole calendar days from <paramref name="start"/> to <paramref name="end"/>; negative when end is earlier.</summary>
    public static int DaysBetween(LocalDate start, LocalDate end) => Period.DaysBetween(start, end);
}

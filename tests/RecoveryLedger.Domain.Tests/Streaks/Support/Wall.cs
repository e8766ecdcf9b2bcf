using NodaTime;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Support;

/// <summary>
/// Writes instants the way a client reads them off the wall clock in their zone, so examples read like the spec.
/// Strict mapping: an example that names a skipped or doubled local time fails instead of guessing.
/// </summary>
internal sealed class Wall(string zoneId)
{
    public static readonly Wall Berlin = new("Europe/Berlin");

    public string ZoneId => zoneId;

    public DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(ClientTimeZones.Get(zoneId)).ToDateTimeOffset();

    public StreakHistory History(DateTimeOffset sobrietyStartedAt, params LapseRecord[] lapses) =>
        new(zoneId, sobrietyStartedAt, lapses);
}

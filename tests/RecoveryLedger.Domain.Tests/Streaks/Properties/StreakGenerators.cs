using CsCheck;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Properties;

internal static class StreakGenerators
{
    // Zones with DST in both hemispheres, half- and quarter-hour offsets (Lord Howe shifts by 30 minutes).
    private static readonly string[] Zones =
        ["Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Etc/UTC"];

    private static readonly DateTimeOffset Origin = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int MinutesPerDay = 24 * 60;

    /// <summary>An instant within <paramref name="fromDay"/>..<paramref name="toDay"/> days of the origin, written with an arbitrary offset.</summary>
    public static Gen<DateTimeOffset> Instant(int fromDay, int toDay) =>
        Gen.Select(Gen.Int[fromDay * MinutesPerDay, toDay * MinutesPerDay], Gen.Int[-14 * 4, 14 * 4],
            (minutes, quarterHours) => Origin.AddMinutes(minutes).ToOffset(TimeSpan.FromMinutes(quarterHours * 15)));

    public static readonly Gen<LapseRecord> Lapse =
        Gen.Select(Instant(0, 480), Gen.Enum<LapseCircle>(), (at, circle) => new LapseRecord(at, circle));

    /// <summary>Sometimes repeats the first lapse's instant in the other circle, so ties on occurredAt get exercised.</summary>
    private static readonly Gen<LapseRecord[]> Lapses =
        Gen.Select(Lapse.Array[0, 12], Gen.Bool, (lapses, tie) => tie && lapses.Length > 0
            ? [.. lapses, lapses[0] with { Circle = lapses[0].Circle == LapseCircle.Inner ? LapseCircle.Middle : LapseCircle.Inner }]
            : lapses);

    /// <summary>Sobriety starts after some lapses (history before the programme) and "now" may even precede it.</summary>
    public static readonly Gen<StreakCase> Case =
        Gen.Select(Gen.OneOf(Zones), Instant(30, 60), Lapses, Instant(28, 480),
            (zone, start, lapses, now) => new StreakCase(new StreakHistory(zone, start, lapses), now));
}

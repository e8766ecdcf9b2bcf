using NodaTime;

namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// The sobriety streak, exactly as docs/domain.md ("Sobriety streak") defines it.
/// Pure: the same history and "now" always give the same streak.
/// </summary>
public static class StreakCalculator
{
    /// <summary>
    /// Calculates the streak of <paramref name="history"/> as of <paramref name="now"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Lapses whose <c>occurredAt</c> is after <paramref name="now"/> have not happened yet as of now, so
    /// they are left out entirely: they restart nothing, close no streak and are not counted in
    /// <see cref="Streak.InnerLapses"/>, <see cref="Streak.MiddleSlips"/> or <see cref="Streak.LastLapseAt"/>.
    /// (The API accepts an <c>occurredAt</c> up to five minutes ahead of the server; an "as of" read
    /// filters by <c>recordedAt</c> before calling this.) A lapse exactly at <paramref name="now"/> counts.
    /// </para>
    /// <para>
    /// Inner lapses before <c>sobrietyStartedAt</c> are history from before the programme: they count in
    /// <see cref="Streak.InnerLapses"/> and <see cref="Streak.LastLapseAt"/>, never restart or close a streak.
    /// A lapse at exactly <c>sobrietyStartedAt</c> belongs to the programme and restarts the streak.
    /// The local date of any inner lapse (before the programme too) is not a sober day.
    /// </para>
    /// <para>Day counts are clamped at zero, e.g. when <c>sobrietyStartedAt</c> lies slightly after now.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Unknown time zone, or a null or undefined lapse.</exception>
    public static Streak Calculate(StreakHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Calculate(history.TimeZone, history.SobrietyStartedAt, HappenedLapses.Of(history.Lapses, now), now);
    }

    /// <summary>The same, from the lapses that had happened by <paramref name="now"/> (as a store reads them).</summary>
    /// <exception cref="ArgumentException">Unknown time zone.</exception>
    public static Streak Calculate(string timeZone, DateTimeOffset sobrietyStartedAt, HappenedLapses lapses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lapses);
        var calendar = new ClientCalendar(ClientTimeZones.Get(timeZone));
        var inner = lapses.InnerTicks;

        // Oldest first, so the resets (inner lapses at or after the start) are a suffix of the inner ones; each
        // local date is computed once.
        var innerDates = inner.Select(ticks => calendar.DateOf(new DateTimeOffset(ticks, TimeSpan.Zero))).ToList();
        var resets = inner.Count(ticks => ticks >= sobrietyStartedAt.UtcTicks);
        var streakStartedAt = resets > 0 ? new DateTimeOffset(inner[^1], TimeSpan.Zero) : sobrietyStartedAt;

        var current = Current(calendar, streakStartedAt, now);
        var startDate = calendar.DateOf(sobrietyStartedAt);

        return new Streak(
            StreakStartedAt: current.StreakStartedAt,
            CurrentStreakDays: current.CurrentStreakDays,
            LongestStreakDays: Math.Max(current.CurrentStreakDays, LongestClosedStreak(startDate, innerDates.Skip(inner.Count - resets))),
            TotalSoberDays: TotalSoberDays(startDate, calendar.DateOf(now), innerDates),
            InnerLapses: inner.Count,
            MiddleSlips: lapses.MiddleSlips,
            LastLapseAt: inner.Count > 0 ? new DateTimeOffset(inner[^1], TimeSpan.Zero) : null,
            Milestones: current.Milestones,
            NextMilestoneDays: current.NextMilestoneDays);
    }

    /// <summary>
    /// The current streak from where it starts alone: <paramref name="latestRestartAt"/> is the latest inner lapse
    /// at or after <paramref name="sobrietyStartedAt"/> that had happened by <paramref name="now"/> (null: none).
    /// Equal to the same fields of <see cref="Calculate"/> on the whole history.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown time zone.</exception>
    public static CurrentStreak Current(string timeZone, DateTimeOffset sobrietyStartedAt, DateTimeOffset? latestRestartAt, DateTimeOffset now) =>
        Current(new ClientCalendar(ClientTimeZones.Get(timeZone)), latestRestartAt ?? sobrietyStartedAt, now);

    private static CurrentStreak Current(ClientCalendar calendar, DateTimeOffset streakStartedAt, DateTimeOffset now)
    {
        var streakStartDate = calendar.DateOf(streakStartedAt);
        var current = Math.Max(0, ClientCalendar.DaysBetween(streakStartDate, calendar.DateOf(now)));
        return new CurrentStreak(streakStartedAt.ToUniversalTime(), current, StreakMilestones.ReachedIn(streakStartDate, current),
            StreakMilestones.NextAfter(current));
    }

    /// <summary>Each closed streak runs from its start (sobriety start, then each reset) to the local date of the reset that ended it.</summary>
    private static int LongestClosedStreak(LocalDate startDate, IEnumerable<LocalDate> resetDates)
    {
        var longest = 0;
        var start = startDate;
        foreach (var end in resetDates)
        {
            longest = Math.Max(longest, ClientCalendar.DaysBetween(start, end));
            start = end;
        }

        return longest;
    }

    /// <summary>Local dates from the sobriety start up to (not including) today with no inner lapse on them.</summary>
    private static int TotalSoberDays(LocalDate first, LocalDate today, IEnumerable<LocalDate> innerLapseDates)
    {
        var days = ClientCalendar.DaysBetween(first, today);
        if (days <= 0)
        {
            return 0;
        }

        var lapseDays = innerLapseDates
            .Where(date => date >= first && date < today)
            .Distinct()
            .Count();
        return days - lapseDays;
    }
}

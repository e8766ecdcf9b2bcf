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
        var calendar = new ClientCalendar(ClientTimeZones.Get(history.TimeZone));
        var lapses = LapseOrder.HappenedBy(history.Lapses, now);

        var inner = lapses.Where(l => l.Circle == LapseCircle.Inner).Select(l => l.OccurredAt).ToList();
        var resets = inner.Where(at => at >= history.SobrietyStartedAt).ToList();
        var streakStartedAt = resets.Count > 0 ? resets[^1] : history.SobrietyStartedAt;

        var current = Current(calendar, streakStartedAt, now);

        return new Streak(
            StreakStartedAt: current.StreakStartedAt,
            CurrentStreakDays: current.CurrentStreakDays,
            LongestStreakDays: Math.Max(current.CurrentStreakDays, LongestClosedStreak(calendar, history.SobrietyStartedAt, resets)),
            TotalSoberDays: TotalSoberDays(calendar, history.SobrietyStartedAt, calendar.DateOf(now), inner),
            InnerLapses: inner.Count,
            MiddleSlips: lapses.Count - inner.Count,
            LastLapseAt: inner.Count > 0 ? inner[^1].ToUniversalTime() : null,
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
    private static int LongestClosedStreak(ClientCalendar calendar, DateTimeOffset sobrietyStartedAt, IReadOnlyList<DateTimeOffset> resets)
    {
        var longest = 0;
        var start = sobrietyStartedAt;
        foreach (var end in resets)
        {
            longest = Math.Max(longest, ClientCalendar.DaysBetween(calendar.DateOf(start), calendar.DateOf(end)));
            start = end;
        }

        return longest;
    }

    /// <summary>Local dates from the sobriety start up to (not including) today with no inner lapse on them.</summary>
    private static int TotalSoberDays(ClientCalendar calendar, DateTimeOffset sobrietyStartedAt, LocalDate today, IEnumerable<DateTimeOffset> innerLapses)
    {
        var first = calendar.DateOf(sobrietyStartedAt);
        var days = ClientCalendar.DaysBetween(first, today);
        if (days <= 0)
        {
            return 0;
        }

        var lapseDays = innerLapses
            .Select(calendar.DateOf)
            .Where(date => date >= first && date < today)
            .Distinct()
            .Count();
        return days - lapseDays;
    }
}

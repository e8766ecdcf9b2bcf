using NodaTime;

namespace RecoveryLedger.Domain.Streaks;

/// <summary>Milestones: 1, 7, 14, 30, 60, 90, 180, 365 days, then every 365 days.</summary>
public static class StreakMilestones
{
    private const int Year = 365;
    private static readonly int[] FirstYear = [1, 7, 14, 30, 60, 90, 180, Year];

    /// <summary>All milestones in ascending order (ends only where the next one would overflow an int).</summary>
    public static IEnumerable<int> Sequence()
    {
        foreach (var days in FirstYear)
        {
            yield return days;
        }

        for (var days = 2 * Year; ; days += Year)
        {
            yield return days;
            if (days > int.MaxValue - Year)
            {
                yield break;
            }
        }
    }

    /// <summary>The smallest milestone greater than <paramref name="days"/> (1 for any negative or zero count).</summary>
    public static int NextAfter(int days)
    {
        if (days < Year)
        {
            return FirstYear.First(m => m > days);
        }

        // Past the first year milestones are the multiples of 365; checked so an absurd count fails loudly.
        return checked((days / Year + 1) * Year);
    }

    /// <summary>
    /// The milestones reached by a streak whose start falls on <paramref name="streakStartDate"/> (a local date)
    /// and which is <paramref name="currentDays"/> days long: milestone m is reached on start + m days.
    /// </summary>
    public static IReadOnlyList<ReachedMilestone> ReachedIn(LocalDate streakStartDate, int currentDays) =>
        Sequence()
            .TakeWhile(days => days <= currentDays)
            .Select(days => new ReachedMilestone(days, streakStartDate.PlusDays(days).ToDateOnly()))
            .ToList();
}

namespace RecoveryLedger.Domain.Streaks;

/// <summary>
/// The lapses that had happened by an instant, as the streak uses them: the inner ones as UTC ticks, oldest
/// first, and how many middle slips there were. Every figure derives from the instants alone (offsets and the
/// order of simultaneous lapses never show), so nothing else is kept — and a long history stays cheap to read:
/// a store can hand over sorted ticks (<see cref="FromOrdered"/>) instead of one record per lapse.
/// </summary>
public sealed class HappenedLapses
{
    private HappenedLapses(long[] innerTicks, int middleSlips) => (InnerTicks, MiddleSlips) = (innerTicks, middleSlips);

    public IReadOnlyList<long> InnerTicks { get; }
    public int MiddleSlips { get; }

    /// <summary>The lapses of <paramref name="lapses"/> (any order) that had happened by <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">A null or undefined lapse.</exception>
    public static HappenedLapses Of(IReadOnlyList<LapseRecord> lapses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lapses);
        var inner = new List<long>(lapses.Count);
        var middle = 0;
        foreach (var lapse in lapses)
        {
            ArgumentNullException.ThrowIfNull(lapse, nameof(lapses));
            if (!Enum.IsDefined(lapse.Circle))
            {
                throw new ArgumentException($"Unknown lapse circle {(int)lapse.Circle}.", nameof(lapses));
            }

            if (lapse.OccurredAt > now) continue;
            if (lapse.Circle == LapseCircle.Inner) inner.Add(lapse.OccurredAt.UtcTicks);
            else middle++;
        }

        var ticks = inner.ToArray();
        Array.Sort(ticks);
        return new HappenedLapses(ticks, middle);
    }

    /// <summary>Inner lapses already filtered to <paramref name="now"/> and sorted (as an index hands them over).</summary>
    /// <exception cref="ArgumentException">Out of order, after <paramref name="now"/>, or a negative count.</exception>
    public static HappenedLapses FromOrdered(long[] innerTicks, int middleSlips, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(innerTicks);
        ArgumentOutOfRangeException.ThrowIfNegative(middleSlips);
        for (var i = 1; i < innerTicks.Length; i++)
        {
            if (innerTicks[i] < innerTicks[i - 1]) throw new ArgumentException("Inner lapses must be oldest first.", nameof(innerTicks));
        }

        if (innerTicks.Length > 0 && innerTicks[^1] > now.UtcTicks)
            throw new ArgumentException("An inner lapse after now has not happened.", nameof(innerTicks));
        return new HappenedLapses(innerTicks, middleSlips);
    }
}

namespace RecoveryLedger.Domain.Streaks;

/// <summary>Puts lapses on the time line the way every derived view does: by <c>occurredAt</c>.</summary>
internal static class LapseOrder
{
    /// <summary>
    /// The lapses that had happened by <paramref name="now"/>, oldest first. Ties on the instant are broken
    /// by circle and then offset, so the order is total and never depends on the order the lapses arrived in.
    /// </summary>
    public static IReadOnlyList<LapseRecord> HappenedBy(IReadOnlyList<LapseRecord> lapses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lapses);
        foreach (var lapse in lapses)
        {
            ArgumentNullException.ThrowIfNull(lapse, nameof(lapses));
            if (!Enum.IsDefined(lapse.Circle))
            {
                throw new ArgumentException($"Unknown lapse circle {(int)lapse.Circle}.", nameof(lapses));
            }
        }

        return lapses
            .Where(lapse => lapse.OccurredAt <= now)
            .OrderBy(lapse => lapse.OccurredAt.UtcTicks)
            .ThenBy(lapse => lapse.Circle)
            .ThenBy(lapse => lapse.OccurredAt.Offset)
            .ToList();
    }
}

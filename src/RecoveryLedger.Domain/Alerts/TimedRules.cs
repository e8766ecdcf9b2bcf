namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// The rules that depend on time passing rather than on an entry. They are evaluated by scheduled
/// work when they may have become due; each answers whether it is due now, so a schedule that was
/// superseded by newer activity simply finds nothing to do.
/// </summary>
public static class TimedRules
{
    /// <summary>
    /// Disengagement is due when no client-recorded entry occurred within <paramref name="after"/> of
    /// now; measured from enrolment when there is none. The quiet period is named by its start, so it
    /// fires once per quiet period.
    /// </summary>
    public static DateTimeOffset DisengagementDueAt(DateTimeOffset enrolledAt, DateTimeOffset? lastClientEntryAt, TimeSpan after) =>
        (lastClientEntryAt is { } last && last > enrolledAt ? last : enrolledAt) + after;

    public static bool DisengagementIsDue(DateTimeOffset enrolledAt, DateTimeOffset? lastClientEntryAt, TimeSpan after, DateTimeOffset now) =>
        now >= DisengagementDueAt(enrolledAt, lastClientEntryAt, after);
}

using System.Text.Json;
using Marten;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Timeline;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// Reads, from the timeline read model, the facts the rules need around one new entry — only what had
/// arrived before it: recorded earlier, or earlier in the same batch by (occurredAt, id), exactly as if
/// a batch's entries had arrived one by one in occurredAt order. Replaying an entry later therefore
/// sees the same history it saw the first time.
/// </summary>
public static class RuleHistory
{
    public static Fact? FactOf(IJourneyEntry entry) => entry switch
    {
        UrgeLogged u => new UrgeFact(u.EntryId, u.OccurredAt, u.Intensity),
        CheckInRecorded c => new CheckInFact(c.EntryId, c.OccurredAt, c.Craving, c.SafetyConcern),
        LapseRecorded l => new LapseFact(l.EntryId, l.OccurredAt, l.Circle == Vocabulary.Circle.Inner),
        SessionRecorded s => new SessionFact(s.EntryId, s.OccurredAt, s.Attended),
        _ => null,
    };

    /// <summary>
    /// Only what the rules that can fire for this entry look at: a weak urge, an attended session, an
    /// inner lapse and the kinds without rules need no history at all, so most entries cost no query.
    /// </summary>
    public static async Task<IReadOnlyList<Fact>> Before(IQuerySession session, Guid clientId, IJourneyEntry entry, Fact fact,
        CancellationToken cancellation)
    {
        var t = entry.OccurredAt;
        IReadOnlyList<TimelineItem> items = fact switch
        {
            UrgeFact { Intensity: >= AlertRules.StrongUrge } => await Around(session, clientId, Vocabulary.Kinds.Urge, t, AlertRules.UrgeWindow, cancellation),
            LapseFact { Inner: false } => await Around(session, clientId, Vocabulary.Kinds.Lapse, t, AlertRules.SlipWindow, cancellation),
            SessionFact { Attended: false } => await session.Query<TimelineItem>()
                .Where(i => i.ClientId == clientId && i.Kind == Vocabulary.Kinds.Session && i.OccurredAt <= t)
                .OrderByDescending(i => i.OccurredAt).Take(100).ToListAsync(cancellation),
            CheckInFact => [.. await Around(session, clientId, Vocabulary.Kinds.CheckIn, t, AlertRules.RecentWindow, cancellation),
                            .. await Baseline(session, clientId, cancellation)],
            _ => [],
        };
        return items.Where(item => ArrivedBefore(item, entry)).DistinctBy(item => item.ItemId).Select(FactOf).OfType<Fact>().ToList();
    }

    private static async Task<IReadOnlyList<TimelineItem>> Around(IQuerySession session, Guid clientId, string kind, DateTimeOffset t,
        TimeSpan window, CancellationToken cancellation)
    {
        DateTimeOffset from = t - window, to = t + window;
        return await session.Query<TimelineItem>()
            .Where(i => i.ClientId == clientId && i.Kind == kind && i.OccurredAt >= from && i.OccurredAt <= to)
            .ToListAsync(cancellation);
    }

    /// <summary>The check-ins of the first 14 days from the first check-in (craving-rising's baseline).</summary>
    private static async Task<IReadOnlyList<TimelineItem>> Baseline(IQuerySession session, Guid clientId, CancellationToken cancellation)
    {
        var first = await session.Query<TimelineItem>()
            .Where(i => i.ClientId == clientId && i.Kind == Vocabulary.Kinds.CheckIn)
            .OrderBy(i => i.OccurredAt).Select(i => i.OccurredAt)
            .Take(1).ToListAsync(cancellation);
        if (first.Count == 0) return [];
        var end = first[0] + AlertRules.BaselinePeriod;
        return await session.Query<TimelineItem>()
            .Where(i => i.ClientId == clientId && i.Kind == Vocabulary.Kinds.CheckIn && i.OccurredAt < end)
            .ToListAsync(cancellation);
    }

    internal static bool ArrivedBefore(TimelineItem item, IJourneyEntry entry) =>
        item.ItemId != entry.EntryId
        && (item.RecordedAt < entry.RecordedAt
            || (item.RecordedAt == entry.RecordedAt
                && (item.OccurredAt < entry.OccurredAt || (item.OccurredAt == entry.OccurredAt && item.ItemId.CompareTo(entry.EntryId) < 0))));

    private static Fact? FactOf(TimelineItem item)
    {
        var f = item.Fields;
        return item.Kind switch
        {
            Vocabulary.Kinds.Urge => new UrgeFact(item.ItemId, item.OccurredAt, f.GetProperty("intensity").GetInt32()),
            Vocabulary.Kinds.CheckIn => new CheckInFact(item.ItemId, item.OccurredAt, f.GetProperty("craving").GetInt32(),
                f.TryGetProperty("safetyConcern", out var s) && s.ValueKind == JsonValueKind.True),
            Vocabulary.Kinds.Lapse => new LapseFact(item.ItemId, item.OccurredAt, f.GetProperty("circle").GetString() == Vocabulary.Circle.Inner),
            Vocabulary.Kinds.Session => new SessionFact(item.ItemId, item.OccurredAt, f.GetProperty("attended").GetBoolean()),
            _ => null,
        };
    }
}

namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// Which earlier facts a rule reads to judge one entry: the facts of one kind whose occurredAt lies in
/// [<see cref="From"/>, <see cref="To"/>] (null: unbounded), or — with <see cref="FromEarliest"/> — those
/// within that period of the earliest fact of the kind (craving-rising's baseline). The pipeline loads
/// the union of the windows of a page's entries, once per client and page; a rule never sees less than
/// its window, and never depends on seeing more.
/// </summary>
public sealed record HistoryWindow(FactKind Kind, DateTimeOffset? From, DateTimeOffset? To, TimeSpan? FromEarliest = null)
{
    /// <summary>[t − width, t + width]: a back-dated entry can complete a cluster on either side of it.</summary>
    public static HistoryWindow Around(FactKind kind, DateTimeOffset t, TimeSpan width) => new(kind, t - width, t + width);

    /// <summary>[t − width, t].</summary>
    public static HistoryWindow Before(FactKind kind, DateTimeOffset t, TimeSpan width) => new(kind, t - width, t);

    /// <summary>Every fact of the kind up to t.</summary>
    public static HistoryWindow UpTo(FactKind kind, DateTimeOffset t) => new(kind, null, t);

    /// <summary>
    /// Every fact of the kind, before and after t, however old or late: what a rule that compares an entry
    /// with its neighbours of the kind (measure-worsening) reads. Only for sparse kinds (measures come
    /// every few weeks), since the pipeline loads all of the client's facts of the kind.
    /// </summary>
    public static HistoryWindow All(FactKind kind) => new(kind, null, null);

    /// <summary>The facts of the kind within <paramref name="period"/> of the earliest one.</summary>
    public static HistoryWindow Earliest(FactKind kind, TimeSpan period) => new(kind, null, null, period);
}

/// <summary>One kind's share of a page's history: a single range (null ends: unbounded) and the longest earliest-period.</summary>
public sealed record HistoryNeed(FactKind Kind, DateTimeOffset? From, DateTimeOffset? To, bool Range, TimeSpan? FromEarliest)
{
    /// <summary>The windows of all the rules for all the entries, merged per kind.</summary>
    public static IReadOnlyList<HistoryNeed> Of(IEnumerable<Fact> entries, IEnumerable<EntryRule> rules)
    {
        var windows = entries.SelectMany(entry => rules.SelectMany(rule => rule.History(entry))).ToList();
        return windows.GroupBy(w => w.Kind).Select(g =>
        {
            var ranges = g.Where(w => w.FromEarliest is null).ToList();
            var earliest = g.Select(w => w.FromEarliest).Where(p => p is not null).Max();
            return ranges.Count == 0
                ? new HistoryNeed(g.Key, null, null, Range: false, earliest)
                : new HistoryNeed(g.Key,
                    ranges.Any(w => w.From is null) ? null : ranges.Min(w => w.From),
                    ranges.Any(w => w.To is null) ? null : ranges.Max(w => w.To),
                    Range: true, earliest);
        }).OrderBy(n => n.Kind).ToList();
    }

    /// <summary>
    /// Of the facts stored so far, those this need loads — what the pipeline's query (RuleHistory) selects,
    /// stated here so tests can check that the windows hold everything the rules read.
    /// </summary>
    public IEnumerable<T> Select<T>(IReadOnlyList<T> stored, Func<T, Fact> fact)
    {
        var ofKind = stored.Where(s => fact(s).Kind == Kind).ToList();
        DateTimeOffset? earliest = ofKind.Count == 0 ? null : ofKind.Min(s => fact(s).OccurredAt);
        return ofKind.Where(s =>
        {
            var t = fact(s).OccurredAt;
            return (Range && (From is null || t >= From) && (To is null || t <= To))
                   || (FromEarliest is { } period && earliest is { } first && t < first + period);
        });
    }
}

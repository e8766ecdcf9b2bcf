namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// A fact and when it arrived: its <see cref="Batch"/> (the append it came in, named by the instant the
/// server recorded it) and its <see cref="Sequence"/> in the event store. Batches arrive in sequence
/// order; inside a batch the entries count as arriving one by one in (occurredAt, id) order.
/// </summary>
public sealed record Arrival(Fact Fact, long Sequence, DateTimeOffset Batch);

public static class ArrivalOrder
{
    /// <summary><paramref name="a"/> arrived before <paramref name="b"/>: in an earlier batch, or earlier in the same batch by (occurredAt, id).</summary>
    public static bool Before(Arrival a, Arrival b) =>
        a.Batch != b.Batch ? a.Sequence < b.Sequence : Order.Before(a.Fact, b.Fact);

    /// <summary>Entries in the order the rules judge them.</summary>
    public static IReadOnlyList<Arrival> Sorted(IEnumerable<Arrival> arrivals)
    {
        var list = arrivals.ToList();
        list.Sort((a, b) => a.Fact.Id == b.Fact.Id && a.Sequence == b.Sequence ? 0 : Before(a, b) ? -1 : 1);
        return list;
    }
}

/// <summary>A rule's trigger for one judged entry: the entry is the trigger's cause.</summary>
public sealed record Verdict(Fact Entry, Trigger Trigger);

/// <summary>
/// Judges a page of one client's entries at once. <c>history</c> holds facts that arrived before every entry
/// of the page (earlier batches: the pipeline never cuts a batch), loaded through the rules' windows; the
/// page's entries are judged in arrival order, each against the history and the page's entries judged
/// before it — as if they had arrived one by one. Each rule is handed only the facts inside its own windows
/// around the entry (found by binary search in per-kind lists sorted by occurredAt), so judging a page
/// costs the windows' size per entry, not the client's whole history.
/// </summary>
public static class JourneyPage
{
    public static IReadOnlyList<Verdict> Judge(DateTimeOffset sobrietyStartedAt, IReadOnlyList<Arrival> history, IEnumerable<Arrival> page,
        IReadOnlyList<EntryRule> rules)
    {
        var verdicts = new List<Verdict>();
        var arrived = new ArrivedFacts(history.Select(h => h.Fact));
        foreach (var entry in ArrivalOrder.Sorted(page))
        {
            foreach (var rule in rules)
            {
                var context = new RuleContext(sobrietyStartedAt, arrived.Within(rule.History(entry.Fact), entry.Fact));
                if (rule.Judge(entry.Fact, context) is { } trigger) verdicts.Add(new Verdict(entry.Fact, trigger));
            }
            arrived.Add(entry.Fact);
        }
        return verdicts;
    }

    /// <summary>The facts that have arrived so far, per kind, sorted by occurredAt.</summary>
    private sealed class ArrivedFacts
    {
        private static readonly IComparer<Fact> ByOccurrence = Comparer<Fact>.Create((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        private readonly Dictionary<FactKind, List<Fact>> _byKind = [];

        public ArrivedFacts(IEnumerable<Fact> facts)
        {
            foreach (var kind in facts.GroupBy(f => f.Kind)) _byKind[kind.Key] = [.. kind.OrderBy(f => f.OccurredAt)];
        }

        public void Add(Fact fact)
        {
            if (!_byKind.TryGetValue(fact.Kind, out var list)) _byKind[fact.Kind] = list = [];
            var at = list.BinarySearch(fact, ByOccurrence);
            list.Insert(at < 0 ? ~at : at, fact);
        }

        /// <summary>The arrived facts inside the windows (each once); the entry counts for an earliest-period window's start.</summary>
        public IReadOnlyList<Fact> Within(IEnumerable<HistoryWindow> windows, Fact entry)
        {
            // Index ranges per kind, merged where windows overlap, so no fact is copied twice.
            var ranges = new List<(List<Fact> List, int Start, int End)>();
            foreach (var window in windows)
            {
                if (!_byKind.TryGetValue(window.Kind, out var list) || list.Count == 0) continue;
                var (start, end) = window.FromEarliest is { } period
                    ? (0, First(list, Min(list[0].OccurredAt, window.Kind == entry.Kind ? entry.OccurredAt : list[0].OccurredAt) + period))
                    : (window.From is { } from ? First(list, from) : 0, window.To is { } to ? After(list, to) : list.Count);
                if (start < end) ranges.Add((list, start, end));
            }
            if (ranges.Count == 0) return [];
            var found = new List<Fact>();
            foreach (var kind in ranges.GroupBy(r => r.List))
            {
                var (start, end) = (-1, -1);
                foreach (var range in kind.OrderBy(r => r.Start))
                {
                    if (range.Start > end)
                    {
                        if (end > start) found.AddRange(kind.Key.GetRange(start, end - start));
                        (start, end) = (range.Start, range.End);
                    }
                    else end = Math.Max(end, range.End);
                }
                if (end > start) found.AddRange(kind.Key.GetRange(start, end - start));
            }
            return found;
        }

        /// <summary>The index after the last fact at or before <paramref name="to"/>.</summary>
        private static int After(List<Fact> list, DateTimeOffset to)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].OccurredAt <= to) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        /// <summary>The index of the first fact at or after <paramref name="from"/>.</summary>
        private static int First(List<Fact> list, DateTimeOffset from)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].OccurredAt < from) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }
}

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
/// Judges a page of one client's entries at once: the history the pipeline loaded for the page (facts
/// that arrived in earlier pages, possibly the first part of a batch the page boundary cut) and the
/// page's new entries. Each new entry is judged against exactly what had arrived before it, so the
/// triggers are those of entries arriving one by one, however the events were paged.
/// </summary>
public static class JourneyPage
{
    public static IReadOnlyList<Verdict> Judge(DateTimeOffset sobrietyStartedAt, IReadOnlyList<Arrival> history, IEnumerable<Arrival> page,
        IReadOnlyList<EntryRule> rules)
    {
        var verdicts = new List<Verdict>();
        var judged = new List<Fact>();
        foreach (var entry in ArrivalOrder.Sorted(page))
        {
            var before = history.Where(h => h.Fact.Id != entry.Fact.Id && ArrivalOrder.Before(h, entry)).Select(h => h.Fact).Concat(judged).ToList();
            var context = new RuleContext(sobrietyStartedAt, before);
            verdicts.AddRange(AlertRules.Evaluate(rules, entry.Fact, context).Select(trigger => new Verdict(entry.Fact, trigger)));
            judged.Add(entry.Fact);
        }
        return verdicts;
    }
}

using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Properties;

/// <summary>One generated journey: its programme start, its batches in arrival order, and the pipeline's page size.</summary>
public sealed record PagedJourney(DateTimeOffset SobrietyStartedAt, Fact[][] Batches, int PageSize)
{
    public IReadOnlyList<ReferenceAlert> Reference() => ReferenceEvaluation.Evaluate(SobrietyStartedAt, Batches);

    /// <summary>
    /// The pipeline's decisions without its database: safety at each append, the other rules a page at a
    /// time over the events in store order (a page that cuts a batch completed with the rest of it), each page
    /// judged with only the history its windows load.
    /// </summary>
    public IReadOnlyList<ReferenceAlert> Paged()
    {
        var alerts = new Dictionary<string, ReferenceAlert>();
        var events = new List<Arrival>();
        for (var b = 0; b < Batches.Length; b++)
        {
            var batch = Batches[b].Select(f => new Arrival(f, events.Count + 1 + Array.IndexOf(Batches[b], f), At.Batch(b))).ToList();
            foreach (var verdict in JourneyPage.Judge(SobrietyStartedAt, [], batch, AlertRules.AtAppend)) ReferenceAlert.Apply(alerts, verdict.Trigger);
            events.AddRange(batch);
        }

        var stored = new List<Arrival>();
        for (var start = 0; start < events.Count;)
        {
            // A page that cuts a batch is completed with the rest of it (JudgeEntriesHandler.BatchTail).
            var end = Math.Min(start + PageSize, events.Count);
            while (end < events.Count && events[end].Batch == events[end - 1].Batch) end++;
            var page = events.GetRange(start, end - start);
            start = end;
            var history = HistoryNeed.Of(page.Select(a => a.Fact), AlertRules.InPipeline)
                .SelectMany(need => need.Select(stored, a => a.Fact)).DistinctBy(a => a.Fact.Id).ToList();
            foreach (var verdict in JourneyPage.Judge(SobrietyStartedAt, history, page, AlertRules.InPipeline)) ReferenceAlert.Apply(alerts, verdict.Trigger);
            stored.AddRange(page);
        }
        return [.. alerts.Values.OrderBy(a => a.Rule, StringComparer.Ordinal)];
    }

    /// <summary>The batch's facts as the server records them: a measure's recordedAt is its batch's instant.</summary>
    public static Fact[] RecordedIn(Fact[] batch, int index) =>
        [.. batch.Select(f => f is MeasureFact m ? m with { RecordedAt = At.Batch(index) } : f)];

    public override string ToString() =>
        $"start {SobrietyStartedAt:O}, page {PageSize}, batches: " + string.Join(" | ", Batches.Select(b => string.Join(", ", b.Select(AlertCase.Describe))));

    private static class At
    {
        public static DateTimeOffset Batch(int index) => new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(index);
    }
}

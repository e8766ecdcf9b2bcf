using Marten;
using Marten.Services.BatchQuerying;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// Reads a client's judged facts for the history needs of some entries, as part of a batched query: the
/// pipeline pays one round trip per client and page for all its reads. SQL selects the stored documents
/// whose occurredAt range can meet a need; <see cref="HistoryNeed.Select{T}"/> then picks the facts
/// exactly, the same function the Domain's paging property checks.
/// </summary>
public static class RuleHistory
{
    /// <summary>A need and the documents read for it.</summary>
    public sealed record Load(HistoryNeed Need, Task<IReadOnlyList<JudgedFacts>> Documents);

    public static IReadOnlyList<Load> Queue(IBatchedQuery batch, IQuerySession session, Guid clientId, IEnumerable<Arrival> entries) =>
        [.. HistoryNeed.Of(entries.Select(a => a.Fact), AlertRules.InPipeline).Select(need => new Load(need, Documents(batch, session, clientId, need)))];

    public static async Task<IReadOnlyList<Load>> Read(IQuerySession session, Guid clientId, IEnumerable<Arrival> entries, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var loads = Queue(batch, session, clientId, entries);
        await batch.Execute(cancellation);
        return loads;
    }

    /// <summary>The facts the needs select, each once (windows of several kinds or entries may overlap).</summary>
    public static async Task<IReadOnlyList<Arrival>> Facts(IEnumerable<Load> loads)
    {
        var facts = new List<Arrival>();
        foreach (var load in loads)
        {
            var stored = (await load.Documents).SelectMany(d => d.Facts.Select(f => f.ToArrival(d.Kind))).ToList();
            facts.AddRange(load.Need.Select(stored, a => a.Fact));
        }
        return facts.DistinctBy(a => a.Fact.Id).ToList();
    }

    private static Task<IReadOnlyList<JudgedFacts>> Documents(IBatchedQuery batch, IQuerySession session, Guid clientId, HistoryNeed need)
    {
        var table = session.DocumentStore.Options.Schema.For<JudgedFacts>();
        var parameters = new List<object> { session.TenantId, clientId, (int)need.Kind };
        var conditions = new List<string>();
        if (need.Range)
        {
            var range = new List<string>();
            if (need.From is { } from)
            {
                range.Add("from_at >= ? and to_at >= ?");
                parameters.AddRange([from - JudgedFacts.MaxSpan, from]);
            }
            if (need.To is { } to) { range.Add("from_at <= ?"); parameters.Add(to); }
            conditions.Add(range.Count == 0 ? "true" : string.Join(" and ", range));
        }
        if (need.FromEarliest is { } period)
        {
            conditions.Add($"from_at < (select min(from_at) from {table} where tenant_id = ? and client_id = ? and kind = ?) + ?");
            parameters.AddRange([session.TenantId, clientId, (int)need.Kind, period]);
        }
        return batch.Query<JudgedFacts>(
            $"where tenant_id = ? and client_id = ? and kind = ? and ({string.Join(" or ", conditions)})", [.. parameters]);
    }
}

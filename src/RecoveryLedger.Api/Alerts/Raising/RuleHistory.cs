using Marten;
using Marten.Services.BatchQuerying;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// Reads a client's judged facts for one <see cref="HistoryNeed"/> (a kind: a range of occurredAt, and/or
/// the period from its earliest fact) as part of a batched query: the pipeline pays one round trip per
/// client and page for all its reads, whatever the page holds.
/// </summary>
public static class RuleHistory
{
    /// <summary>Queues, in a batched query, the reads of everything the rules need around these entries.</summary>
    public static Task<IReadOnlyList<JudgedEntry>[]> Load(IBatchedQuery batch, IQuerySession session, Guid clientId, IEnumerable<Arrival> entries) =>
        Task.WhenAll(HistoryNeed.Of(entries.Select(a => a.Fact), AlertRules.InPipeline).Select(need => Load(batch, session, clientId, need)));

    public static async Task<IReadOnlyList<JudgedEntry>[]> Load(IQuerySession session, Guid clientId, IEnumerable<Arrival> entries,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var load = Load(batch, session, clientId, entries);
        await batch.Execute(cancellation);
        return await load;
    }

    /// <summary>The loaded facts, each once (windows of several kinds or entries may overlap).</summary>
    public static IReadOnlyList<Arrival> Distinct(IEnumerable<IReadOnlyList<JudgedEntry>> loads) =>
        loads.SelectMany(rows => rows).DistinctBy(row => row.EntryId).Select(row => row.ToArrival()).ToList();

    private static Task<IReadOnlyList<JudgedEntry>> Load(IBatchedQuery batch, IQuerySession session, Guid clientId, HistoryNeed need)
    {
        var table = session.DocumentStore.Options.Schema.For<JudgedEntry>();
        var parameters = new List<object> { session.TenantId, clientId, (int)need.Kind };
        var conditions = new List<string>();
        if (need.Range)
        {
            var range = new List<string>();
            if (need.From is { } from) { range.Add("occurred_at >= ?"); parameters.Add(from); }
            if (need.To is { } to) { range.Add("occurred_at <= ?"); parameters.Add(to); }
            conditions.Add(range.Count == 0 ? "true" : string.Join(" and ", range));
        }
        if (need.FromEarliest is { } period)
        {
            conditions.Add($"occurred_at < (select min(occurred_at) from {table} where tenant_id = ? and client_id = ? and kind = ?) + ?");
            parameters.AddRange([session.TenantId, clientId, (int)need.Kind, period]);
        }
        return batch.Query<JudgedEntry>(
            $"where tenant_id = ? and client_id = ? and kind = ? and ({string.Join(" or ", conditions)})", [.. parameters]);
    }
}

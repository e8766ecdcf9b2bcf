using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>The latest state of one inline snapshot (journey, sobriety frame, goals, alert) per stream, held while the log is read.</summary>
public interface ISnapshots
{
    ValueTask ApplyAsync(string tenantId, Guid streamId, List<IEvent> events, IQuerySession session, CancellationToken cancellation);
    Task StoreAsync(DocumentCopy copy, CancellationToken cancellation);
    int Count { get; }
}

/// <summary>
/// Folds a stream's events into <typeparamref name="T"/> with the aggregator Marten builds from the registered snapshot
/// projection (its Create/Apply/ShouldDelete methods and its versioning), given only the event types that projection
/// takes — as Marten's rebuild filters them — and stores every final state with one binary COPY per clinic, at the end.
/// </summary>
public sealed class Snapshots<T>(DocumentStore store, Action<T, Guid> identify) : ISnapshots where T : class
{
    private readonly IAggregator<T, IQuerySession> _aggregator = store.Options.Projections.AggregatorFor<T>();
    private readonly HashSet<Type> _takes = [.. IncludedEventTypes(store)];
    private readonly Dictionary<(string Tenant, Guid Stream), (T State, long Revision, DateTimeOffset AppendedAt)> _states = new();

    public int Count => _states.Count;

    public async ValueTask ApplyAsync(string tenantId, Guid streamId, List<IEvent> events, IQuerySession session, CancellationToken cancellation)
    {
        var key = (tenantId, streamId);
        var known = _states.TryGetValue(key, out var current);
        var taken = events.FindAll(e => _takes.Contains(e.EventType));
        if (taken.Count == 0 && !known) return;
        var next = taken.Count == 0 ? current.State : await _aggregator.BuildAsync(taken, session, current.State, cancellation);
        if (next is null)
        {
            _states.Remove(key);
            return;
        }
        identify(next, streamId);
        _states[key] = Revised(current, events) with { State = next };
    }

    /// <summary>
    /// The revision Marten's inline projection stores: the version of the last event of the last append that gave the
    /// snapshot an event of its own — one append is one transaction, so its events share their timestamp.
    /// </summary>
    private (T State, long Revision, DateTimeOffset AppendedAt) Revised((T State, long Revision, DateTimeOffset AppendedAt) state, List<IEvent> events)
    {
        foreach (var e in events)
            if (_takes.Contains(e.EventType)) state = state with { Revision = e.Version, AppendedAt = e.Timestamp };
            else if (e.Timestamp == state.AppendedAt) state = state with { Revision = e.Version };
        return state;
    }

    public async Task StoreAsync(DocumentCopy copy, CancellationToken cancellation)
    {
        foreach (var clinic in _states.GroupBy(s => s.Key.Tenant))
            await copy.WriteAsync(clinic.Key, clinic.Select(s => s.Value.State).ToList(), cancellation);
        await ReviseAsync(copy.Connection, cancellation);
    }

    /// <summary>Marten's bulk loader writes every row as revision 1: each gets the revision the inline projection gives it.</summary>
    private async Task ReviseAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        if (_states.Count == 0) return;
        var table = RebuildSql.TableOf(store, typeof(T));
        await using var command = new NpgsqlCommand(
            $"update {table} t set mt_version = r.revision from unnest(@tenants, @ids, @revisions) as r(tenant_id, id, revision) " +
            "where t.tenant_id = r.tenant_id and t.id = r.id", connection);
        command.Parameters.AddWithValue("tenants", _states.Keys.Select(k => k.Tenant).ToArray());
        command.Parameters.AddWithValue("ids", _states.Keys.Select(k => k.Stream).ToArray());
        command.Parameters.AddWithValue("revisions", _states.Values.Select(v => v.Revision).ToArray());
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static IEnumerable<Type> IncludedEventTypes(DocumentStore store)
    {
        var projection = store.Options.Projections.All.OfType<IAggregatorSource<IQuerySession>>().Single(p => p.AggregateType == typeof(T));
        return ((EventFilterable)projection).IncludedEventTypes;
    }
}

using JasperFx.Events;
using Marten;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Goals;
using RecoveryLedger.Api.Journeys.Sobriety;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>What a rebuild holds while it reads the log: each stream's snapshots, each client's analytics, the lapse marks.</summary>
public sealed class Fold(DocumentStore store, Pseudonyms pseudonyms)
{
    private readonly Dictionary<(string, Guid), Guid> _keys = new();

    public ISnapshots[] Snapshots { get; } =
    [
        new Snapshots<Journey>(store, (d, id) => d.Id = id),
        new Snapshots<SobrietyHistory>(store, (d, id) => d.Id = id),
        new Snapshots<ClientGoals>(store, (d, id) => d.Id = id),
        new Snapshots<Alert>(store, (d, id) => d.Id = id),
    ];

    /// <summary>Per clinic, per keyed pseudonym.</summary>
    public Dictionary<string, Dictionary<Guid, ClientAnalytics>> Analytics { get; } = new();
    public List<LapseMark> LapseMarks { get; } = [];
    public HashSet<(string Tenant, Guid Client)> Erased { get; } = [];

    public async ValueTask PageAsync(List<IEvent> page, IQuerySession session, CancellationToken cancellation)
    {
        foreach (var ((tenantId, streamId), events) in Streams(page))
            foreach (var snapshot in Snapshots)
                await snapshot.ApplyAsync(tenantId, streamId, events, session, cancellation);
    }

    /// <summary>Folds the page's lapse marks, erasures and analytics; its events by stream, in order.</summary>
    private Dictionary<(string, Guid), List<IEvent>> Streams(List<IEvent> page)
    {
        var streams = new Dictionary<(string, Guid), List<IEvent>>();
        foreach (var e in page)
        {
            if (e.Data is LapseRecorded lapse) LapseMarks.Add(LapseMark.Of(e, lapse));
            if (e.Data is ClientErased) Erased.Add((e.TenantId, e.StreamId));
            FoldAnalytics(e);
            if (!streams.TryGetValue((e.TenantId, e.StreamId), out var events)) streams[(e.TenantId, e.StreamId)] = events = [];
            events.Add(e);
        }
        return streams;
    }

    private void FoldAnalytics(IEvent e)
    {
        if (e.Data is not IJourneyEvent and not ClientEnrolled and not ClientErased) return;
        if (!_keys.TryGetValue((e.TenantId, e.StreamId), out var id)) _keys[(e.TenantId, e.StreamId)] = id = pseudonyms.Of(e.TenantId, e.StreamId);
        if (!Analytics.TryGetValue(e.TenantId, out var docs)) Analytics[e.TenantId] = docs = new();
        AnalyticsProjection.Fold(docs, id, e.Data);
    }
}

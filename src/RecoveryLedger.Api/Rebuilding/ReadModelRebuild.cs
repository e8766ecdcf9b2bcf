using System.Diagnostics;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using Marten.Storage;
using Npgsql;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Goals;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>What one database's rebuild read and wrote.</summary>
public sealed record RebuiltDatabase(string Database, long Events, long TimelineRows, long LapseMarks, int Snapshots,
    int AnalyticsDocuments, TimeSpan Took);

/// <summary>
/// Every read model rebuilt from one pass over the event log (docs/design.md, "The one-pass rebuild"): the log is
/// read once, and each event goes to every read model — the timeline's and the lapse marks' rows, the inline
/// snapshots, the analytics documents — with the projections' own mappings and Marten's own aggregators. Rows are
/// written with binary COPY while the log is still being read; the per-client documents once, at the end.
/// The alert pipeline is not replayed: alerts are events, and their snapshots are rebuilt like any other, so
/// nothing is raised, sent or scheduled again. Run with the service stopped, as <c>projections rebuild</c>.
/// </summary>
public sealed class ReadModelRebuild(DocumentStore store, Pseudonyms pseudonyms)
{
    /// <summary>Events per page read from the log; timeline rows are copied a page at a time.</summary>
    public const int PageSize = 16384;

    /// <summary>Timeline pages copied at once, each on a connection of its own: PostgreSQL's side of a COPY is one core.</summary>
    public const int Copiers = 2;

    public async Task<List<RebuiltDatabase>> RunAsync(CancellationToken cancellation)
    {
        var rebuilt = new List<RebuiltDatabase>();
        foreach (var database in await store.Storage.AllDatabases())
            rebuilt.Add(await RebuildAsync(database, cancellation));
        return rebuilt;
    }

    private async Task<RebuiltDatabase> RebuildAsync(IMartenDatabase database, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        long ceiling;
        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellation);
            ceiling = await EventLog.CeilingAsync(connection, cancellation);
            await TruncateAsync(connection, cancellation);
        }

        var snapshots = new ISnapshots[]
        {
            new Snapshots<Journey>(store, database, (d, id) => d.Id = id),
            new Snapshots<SobrietyHistory>(store, database, (d, id) => d.Id = id),
            new Snapshots<ClientGoals>(store, database, (d, id) => d.Id = id),
            new Snapshots<Alert>(store, database, (d, id) => d.Id = id),
        };
        var analytics = new Dictionary<string, Dictionary<Guid, ClientAnalytics>>();
        var keys = new Dictionary<(string, Guid), Guid>();
        var lapseMarks = new List<LapseMark>();
        var erased = new HashSet<(string Tenant, Guid Client)>();
        long events = 0;

        // Two stages beside this one: the log is read and deserialised ahead, and the timeline's rows are built and
        // copied behind, so PostgreSQL's reading and writing and the service's folding overlap on the cores there are.
        // A failure anywhere cancels the others, so nothing waits on a stage that has stopped.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var rowsToCopy = Channel.CreateBounded<List<IEvent>>(Copiers);
        var copying = Task.WhenAll(Enumerable.Range(0, Copiers)
            .Select(_ => Stage(abort, () => CopyTimelineAsync(rowsToCopy.Reader, abort.Token))));
        var pages = Channel.CreateBounded<List<IEvent>>(2);
        var reading = Stage(abort, async () =>
        {
            await foreach (var page in new EventLog(store).PagesAsync(database, ceiling, PageSize, abort.Token))
                await pages.Writer.WriteAsync(page, abort.Token);
            pages.Writer.Complete();
            return 0L;
        });

        try
        {
            await using var session = store.QuerySession();
            await foreach (var page in pages.Reader.ReadAllAsync(abort.Token))
            {
                events += page.Count;
                await rowsToCopy.Writer.WriteAsync(page, abort.Token);
                foreach (var e in page)
                {
                    if (e.Data is LapseRecorded lapse) lapseMarks.Add(LapseMark.Of(e, lapse));
                    if (e.Data is ClientErased) erased.Add((e.TenantId, e.StreamId));
                    FoldAnalytics(analytics, keys, e);
                }
                foreach (var stream in page.GroupBy(e => (e.TenantId, e.StreamId)))
                {
                    var streamEvents = stream.ToList();
                    foreach (var snapshot in snapshots)
                        await snapshot.ApplyAsync(stream.Key.TenantId, stream.Key.StreamId, streamEvents, session, abort.Token);
                }
            }
            rowsToCopy.Writer.Complete();
        }
        catch
        {
            await abort.CancelAsync();
            throw;
        }
        await reading;
        var rows = (await copying).Sum();

        foreach (var snapshot in snapshots) await snapshot.StoreAsync(store, cancellation);
        foreach (var (tenant, docs) in analytics)
            if (docs.Count > 0)
                await store.BulkInsertAsync(tenant, docs.Values.ToList(), BulkInsertMode.InsertsOnly, docs.Count, cancellation);
        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellation);
            var kept = lapseMarks.Where(m => !erased.Contains((m.TenantId, m.ClientId))).ToList();
            await LapseMark.CopyAsync(connection, kept, cancellation);
            rows -= await EraseTimelinesAsync(connection, erased, cancellation);
            await MarkAnalyticsCaughtUpAsync(connection, ceiling, cancellation);
        }
        return new RebuiltDatabase(database.Id.Identity, events, rows, lapseMarks.Count, snapshots.Sum(s => s.Count),
            analytics.Values.Sum(d => d.Count), watch.Elapsed);
    }

    /// <summary>A stage of the pipeline on the thread pool: if it fails, the others are cancelled.</summary>
    private static Task<long> Stage(CancellationTokenSource abort, Func<Task<long>> work) => Task.Run(async () =>
    {
        try { return await work(); }
        catch
        {
            await abort.CancelAsync();
            throw;
        }
    });

    private void FoldAnalytics(Dictionary<string, Dictionary<Guid, ClientAnalytics>> analytics, Dictionary<(string, Guid), Guid> keys, IEvent e)
    {
        if (e.Data is not IJourneyEvent and not ClientEnrolled and not ClientErased) return;
        if (!keys.TryGetValue((e.TenantId, e.StreamId), out var id)) keys[(e.TenantId, e.StreamId)] = id = pseudonyms.Of(e.TenantId, e.StreamId);
        if (!analytics.TryGetValue(e.TenantId, out var docs)) analytics[e.TenantId] = docs = new();
        AnalyticsProjection.Fold(docs, id, e.Data);
    }

    /// <summary>Builds a page's timeline rows (the projection's own mapping) and copies them, per clinic; returns the rows copied.</summary>
    private async Task<long> CopyTimelineAsync(ChannelReader<List<IEvent>> pages, CancellationToken cancellation)
    {
        long rows = 0;
        await foreach (var page in pages.ReadAllAsync(cancellation))
        {
            var clinics = new Dictionary<string, List<TimelineItem>>();
            foreach (var e in page)
            {
                if (TimelineProjection.ItemFor(e) is not { } item) continue;
                if (!clinics.TryGetValue(e.TenantId, out var items)) clinics[e.TenantId] = items = new List<TimelineItem>(page.Count);
                items.Add(item);
            }
            foreach (var (tenant, items) in clinics)
            {
                await store.BulkInsertAsync(tenant, items, BulkInsertMode.InsertsOnly, items.Count, cancellation);
                rows += items.Count;
            }
        }
        return rows;
    }

    /// <summary>The read models' tables emptied, as Marten's teardown does before its rebuild.</summary>
    private async Task TruncateAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        var tables = new[] { typeof(TimelineItem), typeof(Journey), typeof(SobrietyHistory), typeof(ClientGoals), typeof(Alert), typeof(ClientAnalytics) }
            .Select(type => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName)
            .Append(LapseMarks.Table);
        await using var command = new NpgsqlCommand($"truncate {string.Join(", ", tables)}", connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>An erased client's rows go, as the projections delete them at its erasure (nothing is appended after one).</summary>
    private static async Task<long> EraseTimelinesAsync(NpgsqlConnection connection, HashSet<(string Tenant, Guid Client)> erased, CancellationToken cancellation)
    {
        if (erased.Count == 0) return 0;
        await using var command = new NpgsqlCommand(
            $"delete from {PersistenceSetup.Schema}.mt_doc_timelineitem t using unnest(@tenants, @clients) as e(tenant_id, client_id) " +
            "where t.tenant_id = e.tenant_id and t.client_id = e.client_id", connection);
        command.Parameters.AddWithValue("tenants", erased.Select(e => e.Tenant).ToArray());
        command.Parameters.AddWithValue("clients", erased.Select(e => e.Client).ToArray());
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Analytics is the async projection among them: its daemon goes on from where the rebuild read to.</summary>
    private static async Task MarkAnalyticsCaughtUpAsync(NpgsqlConnection connection, long ceiling, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"insert into {PersistenceSetup.Schema}.mt_event_progression (name, last_seq_id, last_updated) values (@name, @ceiling, now()) " +
            "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated", connection);
        command.Parameters.AddWithValue("name", $"{AnalyticsProjection.Name}:All");
        command.Parameters.AddWithValue("ceiling", ceiling);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

using System.Diagnostics;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
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
    int AnalyticsDocuments, TimeSpan Took, string Phases);

/// <summary>
/// Every read model rebuilt from one pass over the event log (docs/design.md, "The one-pass rebuild"): the log is
/// read once, and each event goes to every read model — the timeline's and the lapse marks' rows, the inline
/// snapshots, the analytics documents — with the projections' own mappings and Marten's own aggregators. The
/// timeline's rows stream into one COPY while the log is read; the per-client documents are written once, at the
/// end. All of it is one transaction per database: an interrupted rebuild leaves the read models as they were.
/// The alert pipeline is not replayed: alerts are events, and their snapshots are rebuilt like any other, so
/// nothing is raised, sent or scheduled again. Run with the service stopped, as <c>projections rebuild</c>.
/// </summary>
public sealed class ReadModelRebuild(DocumentStore store, Pseudonyms pseudonyms)
{
    /// <summary>Events per page read from the log.</summary>
    public const int PageSize = 8192;

    /// <summary>
    /// The timeline's document table before it became <see cref="TimelineTable"/> (docs/design.md, "The timeline's table"):
    /// nothing reads or erases it any more, and it holds note text, so the rebuild that refills its successor drops it.
    /// </summary>
    private const string FormerTimeline = PersistenceSetup.Schema + ".mt_doc_timelineitem";

    private static readonly Type[] Documents =
        [typeof(Journey), typeof(SobrietyHistory), typeof(ClientGoals), typeof(Alert), typeof(ClientAnalytics)];

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
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await CompressFasterAsync(connection, cancellation);
        var ceiling = await EventLog.CeilingAsync(connection, cancellation);
        await RebuildSql.ExecuteAsync(connection, $"truncate {string.Join(", ", Documents.Select(TableOf).Append(TimelineTable.Table).Append(LapseMarks.Table))}", cancellation);
        var timelineIndexes = await TableIndexes.DropAsync(connection, TimelineTable.Table, cancellation);

        var phases = new List<string>();
        void Lap(string phase) => phases.Add($"{phase} {watch.Elapsed.TotalSeconds:0.0} s");
        Lap("emptied");
        var fold = new Fold(store, pseudonyms);
        var (events, rows) = await ReadAsync(database, connection, ceiling, fold, cancellation);
        Lap("log read, timeline copied");

        var copy = new DocumentCopy(store, database, connection);
        foreach (var snapshot in fold.Snapshots) await snapshot.StoreAsync(copy, cancellation);
        foreach (var (tenant, docs) in fold.Analytics) await copy.WriteAsync(tenant, docs.Values, cancellation);
        Lap("documents written");
        await LapseMark.CopyAsync(connection, fold.LapseMarks.Where(m => !fold.Erased.Contains((m.TenantId, m.ClientId))), cancellation);
        rows -= await EraseTimelinesAsync(connection, fold.Erased, cancellation);
        await timelineIndexes.RestoreAsync(connection, cancellation);
        Lap("timeline indexed");
        await MarkAnalyticsCaughtUpAsync(connection, ceiling, cancellation);
        await RebuildSql.ExecuteAsync(connection, $"drop table if exists {FormerTimeline}", cancellation);
        await transaction.CommitAsync(cancellation);
        Lap("committed");
        return new RebuiltDatabase(connection.Database, events, rows, fold.LapseMarks.Count, fold.Snapshots.Sum(s => s.Count),
            fold.Analytics.Values.Sum(d => d.Count), watch.Elapsed, string.Join(", ", phases));
    }

    /// <summary>
    /// Three stages: the log read and deserialised on its own connection, ahead; the timeline's rows built and copied
    /// on the rebuild's connection, behind; and between them the fold of snapshots, analytics and lapse marks. PostgreSQL's
    /// reading and writing and the service's work overlap on the cores there are. A failure anywhere cancels the others.
    /// </summary>
    private async Task<(long Events, long Rows)> ReadAsync(IMartenDatabase database, NpgsqlConnection connection, long ceiling, Fold fold,
        CancellationToken cancellation)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var toCopy = Channel.CreateBounded<List<IEvent>>(2);
        var copying = Stage(abort, () => CopyTimelineAsync(connection, toCopy.Reader, abort.Token));
        var pages = Channel.CreateBounded<List<IEvent>>(2);
        var reading = Stage(abort, async () =>
        {
            await foreach (var page in new EventLog(store).PagesAsync(database, ceiling, PageSize, abort.Token))
                await pages.Writer.WriteAsync(page, abort.Token);
            pages.Writer.Complete();
            return 0L;
        });
        long events = 0;
        try
        {
            // The aggregators take a session (for asynchronous Apply methods, which these snapshots have none of): one on this database.
            await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
            await foreach (var page in pages.Reader.ReadAllAsync(abort.Token))
            {
                events += page.Count;
                await toCopy.Writer.WriteAsync(page, abort.Token);
                await fold.PageAsync(page, session, abort.Token);
            }
            toCopy.Writer.Complete();
        }
        catch (Exception failure)
        {
            await abort.CancelAsync();
            // Every stage ends before the transaction is rolled back: the copier shares its connection. The cause is
            // the first failure that is not the cancellation it set off.
            var stages = Task.WhenAll(reading, copying);
            try { await stages; } catch { /* reported below */ }
            var cause = stages.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failure;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        await reading;
        return (events, await copying);
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

    /// <summary>Builds each page's timeline rows (the projection's own mapping) into one COPY; returns the rows copied.</summary>
    private static async Task<long> CopyTimelineAsync(NpgsqlConnection connection, ChannelReader<List<IEvent>> pages, CancellationToken cancellation)
    {
        await using var copy = await TimelineCopy.BeginAsync(connection, cancellation);
        await foreach (var page in pages.ReadAllAsync(cancellation))
            foreach (var e in page)
                if (TimelineProjection.RowFor(e) is { } row)
                    await copy.WriteAsync(e.TenantId, row, cancellation);
        await copy.CompleteAsync(cancellation);
        return copy.Rows;
    }

    private string TableOf(Type document) => RebuildSql.TableOf(store, document);

    /// <summary>An erased client's rows go, as the projections delete them at its erasure (nothing is appended after one).</summary>
    private async Task<long> EraseTimelinesAsync(NpgsqlConnection connection, HashSet<(string Tenant, Guid Client)> erased, CancellationToken cancellation)
    {
        if (erased.Count == 0) return 0;
        await using var command = new NpgsqlCommand(
            $"delete from {TimelineTable.Table} t using unnest(@tenants, @clients) as e(tenant_id, client_id) " +
            "where t.tenant_id = e.tenant_id and t.client_id = e.client_id", connection);
        command.Parameters.AddWithValue("tenants", erased.Select(e => e.Tenant).ToArray());
        command.Parameters.AddWithValue("clients", erased.Select(e => e.Client).ToArray());
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>
    /// The documents that outgrow a page (a client's analytics, ~27 kB of JSON on the seeded clinic) are compressed as
    /// they are written; LZ4 rather than PostgreSQL's default pglz, where the server has it (measured: 4,500 analytics
    /// documents 3.0 → 2.1 s). For this transaction only; readers decompress either kind.
    /// </summary>
    private static async Task CompressFasterAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            "select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'", connection);
        if (await command.ExecuteScalarAsync(cancellation) is true)
            await RebuildSql.ExecuteAsync(connection, "set local default_toast_compression = 'lz4'", cancellation);
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

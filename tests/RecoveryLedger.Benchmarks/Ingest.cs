using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace RecoveryLedger.Benchmarks;

public sealed record IngestCell(string Writer, int Batch, int Clients, long Entries, double Seconds, double EntriesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, int Errors, double ServiceCpuUsPerEntry, double DatabaseCpuUsPerEntry);

/// <summary>
/// POST …/entries beside (a) raw multi-row INSERTs of what the design writes per entry (event row, read-model
/// row, idempotency key; one transaction per batch) and (b) binary COPY of one row per entry into a plain table
/// with a primary key (one transaction per batch). Same entries, batch size and concurrency for all three.
/// </summary>
public sealed class Ingest(Service service, NpgsqlDataSource bench)
{
    public const string Schema = """
        drop schema if exists bench cascade;
        create schema bench;
        create table bench.events (
            seq_id bigint generated always as identity primary key,
            id uuid not null, stream_id uuid not null, version bigint not null, data jsonb not null,
            type varchar not null, timestamp timestamptz not null, tenant_id varchar not null, mt_dotnet_type varchar,
            unique (tenant_id, stream_id, version));
        create table bench.timeline (
            tenant_id varchar not null, id uuid not null, data jsonb not null, client_id uuid not null,
            occurred_at timestamptz not null, recorded_at timestamptz not null, item_id uuid not null, kind varchar not null,
            primary key (tenant_id, id));
        create index timeline_page on bench.timeline (tenant_id, client_id, occurred_at desc, recorded_at desc, item_id desc);
        create table bench.entry_keys (
            tenant_id varchar not null, client_id uuid not null, entry_id uuid not null,
            primary key (tenant_id, client_id, entry_id));
        create table bench.copy_rows (id uuid primary key, client_id uuid not null, data jsonb not null);
        """;

    private sealed record Worker(Guid ClientId, string Token, List<List<Dictionary<string, object?>>> Batches);

    public async Task<List<IngestCell>> Run(int[] batchSizes, int[] concurrencies, Func<int, int> entriesPerCell)
    {
        var cells = new List<IngestCell>();
        var offset = 0;
        foreach (var batch in batchSizes)
        foreach (var clients in concurrencies)
        {
            var total = entriesPerCell(batch);
            var perWorker = total / clients / batch * batch;
            foreach (var writer in new[] { "http", "raw-insert", "raw-copy" })
            {
                var workers = new List<Worker>();
                for (var w = 0; w < clients; w++)
                {
                    var id = Guid.NewGuid();
                    var token = writer == "http" ? await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-400)) : "";
                    var entries = service.Entries(offset, perWorker + batch);
                    offset += perWorker + batch;
                    workers.Add(new Worker(id, token, entries.Chunk(batch).Select(c => c.ToList()).ToList()));
                }
                var cell = await RunCell(writer, batch, workers);
                Console.Error.WriteLine($"  ingest {writer,-10} batch {batch,2} × {clients,2} clients: {Text.Rate(cell.EntriesPerSecond)} entries/s, p99 {Text.Ms(cell.P99Ms)} ms, errors {cell.Errors}");
                cells.Add(cell);
            }
        }
        return cells;
    }

    private async Task<IngestCell> RunCell(string writer, int batch, List<Worker> workers)
    {
        var errors = 0;
        var samples = new Samples();
        var cellName = $"ingest {writer} batch {batch} × {workers.Count}";
        // Per-worker stream versions for the raw event rows.
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>(workers.ToDictionary(w => w.ClientId, _ => 0L));

        async Task<bool> Send(Worker w, List<Dictionary<string, object?>> entries, byte[]? body)
        {
            try
            {
                switch (writer)
                {
                    case "http":
                        return await service.Append(w.ClientId, w.Token, body!, entries.Count, cellName);
                    case "raw-insert":
                        var from = versions[w.ClientId];
                        versions[w.ClientId] = from + entries.Count;
                        await RawInsert(w.ClientId, from, entries);
                        return true;
                    default:
                        await RawCopy(w.ClientId, entries);
                        return true;
                }
            }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                service.Failures.Add($"{cellName}: {e.GetType().Name}: {e.Message}");
                return false;
            }
        }

        // Bodies are serialised before the clock starts; the first batch of each worker warms up, unmeasured.
        var bodies = workers.ToDictionary(w => w.ClientId,
            w => w.Batches.Select(b => writer == "http" ? Service.Body(b) : null).ToList());
        await Task.WhenAll(workers.Select(async w =>
        {
            if (!await Send(w, w.Batches[0], bodies[w.ClientId][0])) Interlocked.Increment(ref errors);
        }));

        var (serviceCpu, databaseCpu) = (CpuClock.ProcessSeconds(service.Pid), CpuClock.PostgresSeconds());
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            for (var i = 1; i < w.Batches.Count; i++)
            {
                var t = Stopwatch.GetTimestamp();
                var ok = await Send(w, w.Batches[i], bodies[w.ClientId][i]);
                samples.Add(Samples.Since(t));
                if (!ok) Interlocked.Increment(ref errors);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var entries = workers.Sum(w => (long)w.Batches.Skip(1).Sum(b => b.Count));
        // The service's CPU includes its async work (alert pipeline, analytics) digesting the same entries meanwhile.
        var serviceUs = writer == "http" ? (CpuClock.ProcessSeconds(service.Pid) - serviceCpu) * 1e6 / entries : double.NaN;
        var databaseUs = (CpuClock.PostgresSeconds() - databaseCpu) * 1e6 / entries;
        return new IngestCell(writer, batch, workers.Count, entries, seconds, entries / seconds,
            samples.Percentile(50), samples.Percentile(95), samples.Percentile(99), errors, serviceUs, databaseUs);
    }

    private static readonly Dictionary<(string, int, int), string> Sql = new();

    private static string Insert(string table, string columns, int width, int rows)
    {
        lock (Sql)
        {
            if (Sql.TryGetValue((table, width, rows), out var cached)) return cached;
            var sb = new StringBuilder($"insert into {table} ({columns}) values ");
            for (var r = 0; r < rows; r++)
            {
                if (r > 0) sb.Append(", ");
                sb.Append('(');
                for (var c = 0; c < width; c++) sb.Append(c > 0 ? ", $" : "$").Append(r * width + c + 1);
                sb.Append(')');
            }
            return Sql[(table, width, rows)] = sb.ToString();
        }
    }

    private async Task RawInsert(Guid clientId, long fromVersion, List<Dictionary<string, object?>> entries)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new NpgsqlBatchCommand(Insert("bench.events", "id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type", 8, entries.Count));
        var timeline = new NpgsqlBatchCommand(Insert("bench.timeline", "tenant_id, id, data, client_id, occurred_at, recorded_at, item_id, kind", 8, entries.Count));
        var keys = new NpgsqlBatchCommand(Insert("bench.entry_keys", "tenant_id, client_id, entry_id", 3, entries.Count));
        var version = fromVersion;
        foreach (var e in entries)
        {
            var id = (Guid)e["id"]!;
            var kind = (string)e["kind"]!;
            var json = JsonSerializer.Serialize(e, Service.Json);
            var occurred = ((DateTimeOffset)e["occurredAt"]!).ToUniversalTime();
            events.Parameters.Add(new() { Value = Guid.NewGuid() });
            events.Parameters.Add(new() { Value = clientId });
            events.Parameters.Add(new() { Value = ++version });
            events.Parameters.Add(new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            events.Parameters.Add(new() { Value = kind });
            events.Parameters.Add(new() { Value = now });
            events.Parameters.Add(new() { Value = Service.Tenant });
            events.Parameters.Add(new() { Value = "RecoveryLedger.Api.Journeys.Entry, RecoveryLedger.Api" });
            timeline.Parameters.Add(new() { Value = Service.Tenant });
            timeline.Parameters.Add(new() { Value = Guid.NewGuid() });
            timeline.Parameters.Add(new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            timeline.Parameters.Add(new() { Value = clientId });
            timeline.Parameters.Add(new() { Value = occurred });
            timeline.Parameters.Add(new() { Value = now });
            timeline.Parameters.Add(new() { Value = id });
            timeline.Parameters.Add(new() { Value = kind });
            keys.Parameters.Add(new() { Value = Service.Tenant });
            keys.Parameters.Add(new() { Value = clientId });
            keys.Parameters.Add(new() { Value = id });
        }
        await using var connection = await bench.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlBatch(connection, tx) { BatchCommands = { events, timeline, keys } };
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private async Task RawCopy(Guid clientId, List<Dictionary<string, object?>> entries)
    {
        var rows = entries.Select(e => ((Guid)e["id"]!, JsonSerializer.Serialize(e, Service.Json))).ToList();
        await using var connection = await bench.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var import = await connection.BeginBinaryImportAsync("copy bench.copy_rows (id, client_id, data) from stdin (format binary)"))
        {
            foreach (var (id, json) in rows)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Uuid);
                await import.WriteAsync(clientId, NpgsqlDbType.Uuid);
                await import.WriteAsync(json, NpgsqlDbType.Jsonb);
            }
            await import.CompleteAsync();
        }
        await tx.CommitAsync();
    }
}

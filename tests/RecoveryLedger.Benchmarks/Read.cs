using System.Diagnostics;
using System.Net;
using Npgsql;
using RecoveryLedger.Api.Journeys.GettingTimeline;

namespace RecoveryLedger.Benchmarks;

public sealed record ReadCell(string Operation, string Via, int Requests, double P50Ms, double P99Ms, double MeanMs, int Errors);

/// <summary>
/// Timeline (first page, a deep cursor page) and streak of one client with many entries, under concurrent
/// readers, beside the same keyset page (and the streak's input: frame row and lapse rows) fetched by raw SQL through Npgsql.
/// </summary>
public sealed class Read(Service service, NpgsqlDataSource database)
{
    private const string Page = """
        select d.item from recoveryledger.timeline_item as d
        where d.tenant_id = $1 and d.client_id = $2 and d.recorded_at <= $3{0}
        order by d.occurred_at desc, d.recorded_at desc, d.item_id desc limit $4
        """;

    public Guid ClientId { get; private set; }
    public (DateTimeOffset O, DateTimeOffset R, Guid Id, DateTimeOffset AsOf) Deep { get; private set; }

    /// <summary>Enrols the read client and appends <paramref name="entries"/> entries in 500-entry batches, spread over a year.</summary>
    public async Task<string> Build(int entries)
    {
        ClientId = Guid.NewGuid();
        var token = await service.Enrol(ClientId, DateTimeOffset.UtcNow.AddDays(-400));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var step = TimeSpan.FromDays(365).Ticks / Math.Max(entries, 1);
        var list = service.Entries(0, entries, i => new DateTimeOffset(now.UtcTicks - (i + 1L) * step, TimeSpan.Zero)
            .AddTicks(-((now.UtcTicks - (i + 1L) * step) % TimeSpan.TicksPerSecond)));
        var sw = Stopwatch.StartNew();
        foreach (var chunk in list.Chunk(500))
            if (!await service.Append(ClientId, token, Service.Body(chunk), chunk.Length, "read client build"))
                throw new InvalidOperationException("building the read client failed: " + string.Join("\n", service.Failures.All));
        Console.Error.WriteLine($"  read client: {entries:#,0} entries appended in {sw.Elapsed.TotalSeconds:0.0} s");
        return token;
    }

    public async Task<(List<ReadCell> Cells, string Plan)> Run(string clientToken, int readers, int requestsPerReader)
    {
        // Steady state, as autovacuum leaves a live database: the seed's rows visible to index-only scans (the
        // streak's lapse rows) and planner statistics current — and no autovacuum starting mid-measurement.
        await using (var vacuum = database.CreateCommand("vacuum (analyze)")) await vacuum.ExecuteNonQueryAsync();
        var asOf = DateTimeOffset.UtcNow;
        int count;
        await using (var c = database.CreateCommand("select count(*) from recoveryledger.timeline_item where tenant_id = $1 and client_id = $2"))
        {
            c.Parameters.Add(new() { Value = Service.Tenant });
            c.Parameters.Add(new() { Value = ClientId });
            count = Convert.ToInt32(await c.ExecuteScalarAsync());
        }
        // The deep page starts after 90 % of the timeline.
        await using (var c = database.CreateCommand("""
            select occurred_at, recorded_at, item_id from recoveryledger.timeline_item
            where tenant_id = $1 and client_id = $2 order by occurred_at desc, recorded_at desc, item_id desc offset $3 limit 1
            """))
        {
            c.Parameters.Add(new() { Value = Service.Tenant });
            c.Parameters.Add(new() { Value = ClientId });
            c.Parameters.Add(new() { Value = count * 9 / 10 });
            await using var r = await c.ExecuteReaderAsync();
            await r.ReadAsync();
            Deep = (r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1), r.GetGuid(2), asOf);
        }
        var cursor = new TimelineCursor(Deep.O, Deep.R, Deep.Id, Deep.AsOf).Encode();
        var clinician = service.ClinicianToken;
        (string Operation, string Via, Func<Task<bool>> Call)[] reads =
        [
            ("timeline first page", "http", () => Http($"/api/clients/{ClientId}/timeline", clientToken)),
            ("timeline first page", "raw sql", () => Raw(asOf, deep: false)),
            ("timeline deep page (90 %)", "http", () => Http($"/api/clients/{ClientId}/timeline?cursor={cursor}", clientToken)),
            ("timeline deep page (90 %)", "raw sql", () => Raw(asOf, deep: true)),
            ("streak", "http", () => Http($"/api/clients/{ClientId}/streak", clientToken)),
            ("streak", "raw sql (frame + lapse rows)", RawStreakInput),
            ("timeline first page, clinician (access-logged)", "http", () => Http($"/api/clients/{ClientId}/timeline", clinician)),
        ];
        // The reads run unmeasured first, for at least WarmUp: the figures are a warmed service's. .NET's tiered
        // JIT recompiles a new workload's hot methods in the background, on the cores the readers share; here it
        // settled ~10 s after the reads began (dotnet-counters; docs/performance.md, "Method"). A freshly started
        // service is what the cold-start phase measures.
        var warming = Stopwatch.StartNew();
        do
            foreach (var (operation, via, call) in reads) await Run(operation, via, readers, requestsPerReader, call, measured: false);
        while (warming.Elapsed < WarmUp);
        var cells = new List<ReadCell>();
        foreach (var (operation, via, call) in reads) cells.Add(await Run(operation, via, readers, requestsPerReader, call, measured: true));
        var plan = "-- as deployed (schema from db-apply):\n" + await Explain(asOf);
        return (cells, plan);
    }

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    private async Task<ReadCell> Run(string operation, string via, int readers, int perReader, Func<Task<bool>> call, bool measured)
    {
        var samples = new Samples();
        var errors = 0;
        async Task One()
        {
            var t = Stopwatch.GetTimestamp();
            bool ok;
            try { ok = await call(); }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException or TaskCanceledException)
            {
                service.Failures.Add($"read {operation} via {via}: {e.GetType().Name}: {e.Message}");
                ok = false;
            }
            if (measured) samples.Add(Samples.Since(t));
            if (!ok) Interlocked.Increment(ref errors);
        }
        await Task.WhenAll(Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perReader; i++) await One();
        })));
        var cell = new ReadCell(operation, via, samples.Count, samples.Percentile(50), samples.Percentile(99), samples.Mean, errors);
        if (measured) Console.Error.WriteLine($"  read {operation} via {via}: p50 {Text.Ms(cell.P50Ms)} ms, p99 {Text.Ms(cell.P99Ms)} ms, errors {errors}");
        return cell;
    }

    private async Task<bool> Http(string path, string token)
    {
        using var response = await service.Http.SendAsync(service.Request(HttpMethod.Get, path, token));
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode == HttpStatusCode.OK && body.Length > 2) return true;
        service.Failures.Add($"GET {path}: HTTP {(int)response.StatusCode} {Service.Truncate(Service.Utf8(body))}");
        return false;
    }

    private NpgsqlCommand PageCommand(NpgsqlConnection connection, DateTimeOffset asOf, bool deep)
    {
        var command = new NpgsqlCommand(string.Format(Page, deep ? " and (d.occurred_at, d.recorded_at, d.item_id) < ($5, $6, $7)" : ""), connection);
        command.Parameters.Add(new() { Value = Service.Tenant });
        command.Parameters.Add(new() { Value = ClientId });
        command.Parameters.Add(new() { Value = asOf });
        command.Parameters.Add(new() { Value = 51 });
        if (deep)
        {
            command.Parameters.Add(new() { Value = Deep.O });
            command.Parameters.Add(new() { Value = Deep.R });
            command.Parameters.Add(new() { Value = Deep.Id });
        }
        return command;
    }

    private async Task<bool> Raw(DateTimeOffset asOf, bool deep)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = PageCommand(connection, asOf, deep);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(0);
            rows++;
        }
        return rows > 0;
    }

    /// <summary>The streak's input as the service reads it (<c>SobrietyReads.Record</c>): the frame row and the lapse rows beside it.</summary>
    private async Task<bool> RawStreakInput()
    {
        await using var command = database.CreateCommand(RecoveryLedger.Api.Journeys.Sobriety.SobrietyReads.RecordSql);
        command.Parameters.Add(new() { Value = Service.Tenant });
        command.Parameters.Add(new() { Value = ClientId });
        command.Parameters.Add(new() { Value = DateTimeOffset.UtcNow.UtcTicks });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return false;
        if (!reader.IsDBNull(1)) _ = reader.GetFieldValue<byte[]>(1); // read, as the service does
        return reader.GetString(0).Length > 0;
    }

    /// <summary>EXPLAIN ANALYZE of the service's deep-page query, for the report.</summary>
    private async Task<string> Explain(DateTimeOffset asOf)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = PageCommand(connection, asOf, deep: true);
        command.CommandText = "explain (analyze, buffers) " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}

using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace RecoveryLedger.Benchmarks;

public sealed record AlertResult(int Samples, double P50Ms, double P99Ms, double MaxMs, int Errors);

public sealed record RebuildResult(long Events, double RebuildSeconds, double HostOverheadSeconds, double EventsPerSecond,
    double EventsPerSecondWallClock, double RawSeconds, double RawEventsPerSecond, double Ratio, long TimelineRowsBefore,
    long TimelineRowsAfter, int UnknownEventTypes);

/// <summary>One app's cold starts; <c>Build</c> says which artifact was started (the same for the service and the empty app).</summary>
public sealed record ColdStartResult(string App, string Build, int Runs, double P50Ms, double MaxMs, double[] RunsMs);

public sealed record CatchUpResult(string Before, long EventsBehind, double Seconds, bool CaughtUp, string Progress);

public static class Daemon
{
    /// <summary>
    /// Waits until the async work (alert subscription, analytics projection) has processed every event appended so
    /// far, at most <paramref name="limit"/>: the next measurement then runs on a quiet service.
    /// </summary>
    public static async Task<CatchUpResult> CatchUp(NpgsqlDataSource database, string before, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        async Task<long> Scalar(string sql)
        {
            await using var c = database.CreateCommand(sql);
            return Convert.ToInt64(await c.ExecuteScalarAsync());
        }
        const string progress = "select coalesce(min(last_seq_id), 0) from recoveryledger.mt_event_progression where name like 'JourneyAlerts%' or name like 'Analytics%'";
        var target = await Scalar("select coalesce(max(seq_id), 0) from recoveryledger.mt_events");
        var behind = target - await Scalar(progress);
        var caughtUp = false;
        while (sw.Elapsed < limit)
        {
            if (await Scalar(progress) >= target) { caughtUp = true; break; }
            await Task.Delay(100);
        }
        var lag = new List<string>();
        await using (var c = database.CreateCommand("select name, last_seq_id from recoveryledger.mt_event_progression order by name"))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) lag.Add($"{r.GetString(0)} {target - r.GetInt64(1):#,0} behind");
        var result = new CatchUpResult(before, behind, sw.Elapsed.TotalSeconds, caughtUp, string.Join("; ", lag));
        Console.Error.WriteLine($"  async work before {before}: {behind:#,0} events behind, " +
                                (caughtUp ? $"caught up in {result.Seconds:0.0} s" : $"NOT caught up after {result.Seconds:0} s (measuring anyway)") + $" [{result.Progress}]");
        return result;
    }
}

/// <summary>From the POST of an inner-circle lapse to the alert in GET /api/alerts?clientId= (polled every 5 ms).</summary>
public sealed class AlertLatency(Service service)
{
    public async Task<AlertResult> Run(int samples)
    {
        var latencies = new Samples();
        var errors = 0;
        for (var i = 0; i < samples; i++)
        {
            var clientId = Guid.NewGuid();
            var token = await service.Enrol(clientId, DateTimeOffset.UtcNow.AddDays(-30));
            var body = Service.InnerLapse();
            var start = Stopwatch.GetTimestamp();
            if (!await service.Append(clientId, token, body, 1, "alert lapse")) { errors++; continue; }
            var seen = false;
            while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(30))
            {
                using var response = await service.Http.SendAsync(service.Request(HttpMethod.Get, $"/api/alerts?clientId={clientId}", service.ClinicianToken));
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    service.Failures.Add($"GET /api/alerts: HTTP {(int)response.StatusCode} {Service.Truncate(text)}");
                    errors++;
                    break;
                }
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.GetProperty("alerts").GetArrayLength() > 0) { seen = true; break; }
                await Task.Delay(5);
            }
            if (seen) latencies.Add(Samples.Since(start));
            else
            {
                service.Failures.Add($"alert sample {i}: no alert within 30 s of an inner lapse");
                errors++;
            }
        }
        return new AlertResult(latencies.Count, latencies.Percentile(50), latencies.Percentile(99), latencies.Max, errors);
    }
}

/// <summary>
/// `rebuild` of the service (a child process, the service stopped: every read model in one pass) over every event, beside a raw
/// sequential read of mt_events with System.Text.Json deserialisation of each row into its event type.
/// </summary>
public sealed class Rebuild(Service service, NpgsqlDataSource database)
{
    /// <summary>Appends 500-entry batches over HTTP (4 at a time) until mt_events holds at least <paramref name="events"/> rows.</summary>
    public async Task TopUp(long events)
    {
        var have = await Count("recoveryledger.mt_events");
        if (have >= events) return;
        var sw = Stopwatch.StartNew();
        var batches = (int)Math.Ceiling((events - have) / 500.0);
        var clients = new List<(Guid Id, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            var id = Guid.NewGuid();
            clients.Add((id, await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-400))));
        }
        var next = -1;
        await Task.WhenAll(clients.Take(Math.Min(4, batches)).Select((_, w) => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var (id, token) = clients[b % clients.Count];
                if (!await service.Append(id, token, Service.Body(service.Entries(b * 500, 500)), 500, "rebuild top-up"))
                    throw new InvalidOperationException("topping up events failed: " + string.Join("\n", service.Failures.All));
            }
        })));
        Console.Error.WriteLine($"  rebuild: topped up {have:#,0} → {await Count("recoveryledger.mt_events"):#,0} events in {sw.Elapsed.TotalSeconds:0.0} s ({batches} batches)");
    }

    public async Task<RebuildResult> Run()
    {
        var events = await Count("recoveryledger.mt_events");
        var before = await Count("recoveryledger.timeline_item");
        // The host's own start and stop, timed by a command that does no work, is subtracted from the rebuild.
        var overhead = new List<double>();
        for (var i = 0; i < 2; i++) overhead.Add((await service.Command("projections list", "projections", "list")).Ms / 1000);
        // The one-pass rebuild of every read model (docs/design.md); `projections rebuild` is Marten's, one projection at a time.
        var (ms, _) = await service.Command("rebuild", "rebuild");
        var after = await Count("recoveryledger.timeline_item");
        if (after != before)
            service.Failures.Add($"rebuild: timeline rows {before} before, {after} after");
        var rebuildSeconds = ms / 1000;
        var hostSeconds = overhead.Min();
        var work = Math.Max(rebuildSeconds - hostSeconds, 0.001);
        Console.Error.WriteLine($"  rebuild: {events:#,0} events in {rebuildSeconds:0.0} s wall ({hostSeconds:0.0} s host start/stop)");

        var (rawSeconds, unknown) = await RawReplay();
        Console.Error.WriteLine($"  rebuild: raw read + deserialise in {rawSeconds:0.0} s");
        var rate = events / work;
        var rawRate = events / rawSeconds;
        return new RebuildResult(events, rebuildSeconds, hostSeconds, rate, events / rebuildSeconds, rawSeconds, rawRate,
            rate / rawRate, before, after, unknown);
    }

    private async Task<(double Seconds, int Unknown)> RawReplay()
    {
        var types = new Dictionary<string, Type?>();
        var unknown = 0;
        var sw = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "select seq_id, stream_id, version, type, mt_dotnet_type, data from recoveryledger.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0);
            _ = reader.GetGuid(1);
            _ = reader.GetInt64(2);
            _ = reader.GetString(3);
            var typeName = reader.IsDBNull(4) ? "" : reader.GetString(4);
            var json = reader.GetString(5);
            if (!types.TryGetValue(typeName, out var type)) types[typeName] = type = Type.GetType(typeName, throwOnError: false);
            if (type is null) { unknown++; using var _ = JsonDocument.Parse(json); continue; }
            _ = JsonSerializer.Deserialize(json, type, Service.Json);
        }
        return (sw.Elapsed.TotalSeconds, unknown);
    }

    private async Task<long> Count(string table)
    {
        await using var c = database.CreateCommand($"select count(*) from {table}");
        return Convert.ToInt64(await c.ExecuteScalarAsync());
    }
}

/// <summary>
/// Process start to /health/ready = 200, the service (Production) beside an empty ASP.NET Core app, both the same kind
/// of artifact: the Release build output (JIT; <c>--cold-start build</c>, the quick default) or what the production
/// image ships, a framework-dependent ReadyToRun publish (<c>--cold-start r2r</c>, the full default; see
/// <see cref="PublishReadyToRun"/>).
/// </summary>
public sealed class ColdStart(Service service, string emptyDll, string build)
{
    public const string BuildOutput = "Release build output, JIT";
    public const string ReadyToRun = "published ReadyToRun, framework-dependent";

    public async Task<List<ColdStartResult>> Run(int runs)
    {
        var api = new List<double>();
        var empty = new List<double>();
        // One unmeasured start of each warms the file cache; then they alternate.
        for (var i = -1; i < runs; i++)
        {
            var (child, ms) = await service.Start();
            await child.DisposeAsync();
            if (i >= 0) api.Add(ms);

            var port = Net.FreePort();
            await using var e = ChildProcess.Start("empty app", emptyDll, [],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, null);
            var ems = await e.WaitReady(service.Http, $"http://127.0.0.1:{port}/health/ready", TimeSpan.FromSeconds(30));
            if (i >= 0) empty.Add(ems);
        }
        Console.Error.WriteLine($"  cold start ({build}): service {string.Join(", ", api.Select(Text.Ms))} ms; empty app {string.Join(", ", empty.Select(Text.Ms))} ms");
        return [Result("service (Production)", api), Result("empty ASP.NET Core app", empty)];
    }

    /// <summary>
    /// Publishes the service and the empty app the way src/RecoveryLedger.Api/Dockerfile publishes the service:
    /// <c>dotnet publish -c Release -r &lt;this machine's RID&gt;</c>, which the projects turn into a framework-dependent
    /// ReadyToRun build (Directory.Build.props). Into an artifacts folder of the tool's own, so a developer's bin/ and obj/
    /// stay as they are; a repeated run only recompiles what changed. Returns the two entry assemblies.
    /// </summary>
    public static async Task<(string Service, string Empty)> PublishReadyToRun(string root, string? logPath)
    {
        var artifacts = Path.Combine(root, "tests/RecoveryLedger.Benchmarks/bin/coldstart");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var dlls = new List<string>();
        foreach (var (project, name) in new[] { ("src/RecoveryLedger.Api", "RecoveryLedger.Api"), ("tests/RecoveryLedger.Benchmarks/EmptyWeb", "EmptyWeb") })
        {
            var output = Path.Combine(artifacts, "publish", name);
            await ChildProcess.Execute($"publish {name}", "dotnet",
                ["publish", Path.Combine(root, project), "-c", "Release", "-r", rid, "--artifacts-path", artifacts, "-o", output, "-nologo", "-v", "quiet"],
                logPath, TimeSpan.FromMinutes(15));
            dlls.Add(Path.Combine(output, name + ".dll"));
        }
        Console.Error.WriteLine($"  cold start: published both apps ReadyToRun ({rid}) in {sw.Elapsed.TotalSeconds:0} s");
        return (dlls[0], dlls[1]);
    }

    private ColdStartResult Result(string app, List<double> runs)
    {
        var s = new Samples();
        runs.ForEach(s.Add);
        return new ColdStartResult(app, build, runs.Count, s.Percentile(50), s.Max, runs.ToArray());
    }
}

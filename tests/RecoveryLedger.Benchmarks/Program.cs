using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace RecoveryLedger.Benchmarks;

public sealed record Sizes(int IngestBatch1Entries, int IngestBatch50Entries, int ReadEntries, int ReadRequestsPerReader,
    long RebuildEvents, int AlertSamples, int ColdStarts, int DigestEntries)
{
    // The quick digest backlog is the full one: at 64,000 events (two pages of 32,000) the rate "after the first
    // committed page" was one page's timing, taken while the freshly started service was still compiling its hot
    // code (docs/performance.md, "The quick digest backlog").
    public static readonly Sizes Quick = new(320, 6_400, 5_000, 25, 20_000, 10, 2, 128_000);
    public static readonly Sizes Full = new(1_600, 32_000, 50_000, 250, 1_000_000, 50, 5, 128_000);
}

public sealed record Machine(int Cores, string Os, string Runtime, string PostgreSql, string Fsync, string SynchronousCommit,
    string SharedBuffers, string MaxConnections, string Database)
{
    /// <summary>fsync while the read and ingest phases ran (<c>--fsync on|off</c>; else the server's own setting).</summary>
    public string ReadIngestFsync { get; set; } = Fsync;

    /// <summary>Which build of the service the phases other than the cold start ran (<c>--service build|r2r</c>).</summary>
    public string Service { get; set; } = "";
}

public sealed record Target(string Name, string Goal, string Measured, bool? Met);

public sealed record Report(string Mode, DateTimeOffset StartedAt, double WallSeconds, Sizes Sizes, Machine Machine,
    List<ColdStartResult> ColdStart, List<IngestCell> Ingest, List<ReadCell> Read, string DeepPagePlan, AlertResult? Alerts,
    RebuildResult? Rebuild, List<CatchUpResult> AsyncCatchUp, List<DigestResult> Digest, LoadedAlertResult? LoadedAlerts,
    List<DrillResult> Drills, TwoNodeResult? TwoNodes, SoakResult? Soak, ExportResult? Export, List<Target> Targets, IReadOnlyCollection<string> Failures);

public static class BenchProgram
{
    private const string Usage = """
        RecoveryLedger benchmarks (issue 7). Release build, real PostgreSQL.
          dotnet run -c Release --project tests/RecoveryLedger.Benchmarks -- [--quick] [--out results.json]
              [--connection <npgsql connection string>] [--rebuild-events N] [--read-entries N] [--alert-samples N]
              [--digest-entries N] [--ingest-entries N (per 50-entry-batch cell)] [--digest-mix generator|urges] [--soak-minutes N] [--fsync on|off]
              [--cold-start build|r2r] [--service build|r2r] [--skip ingest,read,alerts,digest,loaded,soak,drills,rebuild,coldstart] [--keep-database]
        --service says which service every other phase runs: "build", the Release build output (JIT; the --quick
        default), or "r2r", the ReadyToRun publish the production image ships (the full default). A freshly started
        service's first seconds go to the JIT; a digest after a restart (a deploy, a crash) pays for them.
        --cold-start says what the cold-start phase starts, the service and the empty app alike: "build", the Release
        build output (JIT; the --quick default), or "r2r", both published the way the production image is (framework-
        dependent ReadyToRun; the full default; the publish takes a minute or two the first time).
        --fsync sets the server's fsync for the read and ingest phases (ALTER SYSTEM, reset afterwards: the server is
        shared by everything on it, so use it on a throwaway cluster); the tables say which was in effect.
        The server comes from --connection or ConnectionStrings__Postgres; the tool creates a database of its own
        there (rl_bench_<random>) and drops it at the end (--keep-database keeps it, to profile a phase again on the
        same data). Prints a markdown table; exits 1 when the service
        answered anything but 2xx (or any other step failed).
        """;

    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        if (args.Contains("--help") || args.Contains("-h")) { Console.WriteLine(Usage); return 0; }
        var quick = args.Contains("--quick");
        var sizes = quick ? Sizes.Quick : Sizes.Full;
        if (Arg("--rebuild-events") is { } re) sizes = sizes with { RebuildEvents = long.Parse(re) };
        if (Arg("--read-entries") is { } rd) sizes = sizes with { ReadEntries = int.Parse(rd) };
        if (Arg("--alert-samples") is { } al) sizes = sizes with { AlertSamples = int.Parse(al) };
        if (Arg("--digest-entries") is { } dg) sizes = sizes with { DigestEntries = int.Parse(dg) };
        if (Arg("--ingest-entries") is { } ie) sizes = sizes with { IngestBatch50Entries = int.Parse(ie) };
        var skip = (Arg("--skip") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var output = Arg("--out");
        var fsync = Arg("--fsync");
        var coldStartBuild = Arg("--cold-start") ?? (quick ? "build" : "r2r");
        if (coldStartBuild is not ("build" or "r2r")) { Console.Error.WriteLine("benchmarks: --cold-start takes build or r2r"); return 2; }
        var serviceBuild = Arg("--service") ?? (quick ? "build" : "r2r");
        if (serviceBuild is not ("build" or "r2r")) { Console.Error.WriteLine("benchmarks: --service takes build or r2r"); return 2; }
        if (fsync is not (null or "on" or "off")) { Console.Error.WriteLine("benchmarks: --fsync takes on or off"); return 2; }
        var server = Arg("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("benchmarks: set ConnectionStrings__Postgres (or --connection); e.g.\n" +
                "  scripts/postgres.sh test -- dotnet run -c Release --project tests/RecoveryLedger.Benchmarks -- --quick");
            return 2;
        }
#if DEBUG
        if (!args.Contains("--allow-debug"))
        {
            Console.Error.WriteLine("benchmarks: this is a Debug build; run with -c Release (or pass --allow-debug).");
            return 2;
        }
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src/RecoveryLedger.Api/bin/Release/net10.0/RecoveryLedger.Api.dll");
        var emptyDll = Path.Combine(root, $"tests/RecoveryLedger.Benchmarks/EmptyWeb/bin/{configuration}/net10.0/EmptyWeb.dll");
        foreach (var file in new[] { dll, emptyDll })
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"benchmarks: {file} is missing; build with: dotnet build src/RecoveryLedger.Api -c Release");
                return 2;
            }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var failures = new Failures();
        var master = new NpgsqlConnectionStringBuilder(server);
        var name = "rl_bench_" + Guid.NewGuid().ToString("N")[..10];
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 80, Pooling = true };
        var logPath = Path.Combine(Path.GetTempPath(), name + ".service.log");
        Console.Error.WriteLine($"benchmarks ({(quick ? "quick" : "full")}): database {name} on {master.Host}:{master.Port}; service log {logPath}");

        await Admin(master.ConnectionString, $"create database {name}");
        Report? report = null;
        ChildProcess? running = null;
        // Ctrl+C (or SIGTERM) still stops the service and drops the database.
        void Abort(PosixSignalContext ctx)
        {
            ctx.Cancel = true;
            Console.Error.WriteLine($"benchmarks: interrupted; dropping {name}");
            try { running?.DisposeAsync().AsTask().GetAwaiter().GetResult(); } catch (Exception) { }
            try { Admin(master.ConnectionString, $"drop database if exists {name} with (force)").GetAwaiter().GetResult(); } catch (Exception) { }
            if (fsync is not null) try { Fsync.Reset(master.ConnectionString).GetAwaiter().GetResult(); } catch (Exception) { }
            Environment.Exit(130);
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abort);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abort);
        try
        {
            await using var database = NpgsqlDataSource.Create(target.ConnectionString);
            await CpuClock.FindPostmaster(database);
            var machine = await Describe(database, name);
            // Published once, for the cold start and the service of the other phases alike.
            (string Service, string Empty)? publish = coldStartBuild == "r2r" || serviceBuild == "r2r"
                ? await ColdStart.PublishReadyToRun(root, logPath) : null;
            var service = new Service(serviceBuild == "r2r" ? publish!.Value.Service : dll, target.ConnectionString, logPath, failures);
            machine.Service = serviceBuild == "r2r" ? ColdStart.ReadyToRun : ColdStart.BuildOutput;
            await service.Command("db-apply", "db-apply");
            await using (var c = database.CreateCommand(Ingest.Schema)) await c.ExecuteNonQueryAsync();

            var cold = new List<ColdStartResult>();
            var catchUps = new List<CatchUpResult>();
            var catchUpLimit = TimeSpan.FromSeconds(quick ? 5 : 300);
            var phaseStart = clock.Elapsed;
            void Phase(string what)
            {
                Console.Error.WriteLine($"  ({what}: {(clock.Elapsed - phaseStart).TotalSeconds:0} s)");
                phaseStart = clock.Elapsed;
            }
            if (!skip.Contains("coldstart"))
            {
                Console.Error.WriteLine("cold start …");
                if (coldStartBuild == "r2r")
                {
                    var published = new Service(publish!.Value.Service, target.ConnectionString, logPath, failures);
                    cold = await new ColdStart(published, publish.Value.Empty, ColdStart.ReadyToRun).Run(sizes.ColdStarts);
                }
                else cold = await new ColdStart(service, emptyDll, ColdStart.BuildOutput).Run(sizes.ColdStarts);
                Phase("cold start");
            }

            (running, _) = await service.Start();
            // Alert latency first, on a quiet service: the promise is about an append, not about a backlog.
            AlertResult? alerts = null;
            if (!skip.Contains("alerts"))
            {
                Console.Error.WriteLine("alert latency …");
                // Outside Development the async daemon starts AsyncWork:StartDelay after the web server (docs/design.md):
                // the promise is about a running service, so the samples begin once it runs.
                await Task.Delay(Api.Hosting.PersistenceSetup.DefaultAsyncWorkStartDelay + TimeSpan.FromSeconds(1));
                alerts = await new AlertLatency(service).Run(sizes.AlertSamples);
                Phase("alerts");
            }

            var read = new List<ReadCell>();
            var plan = "";
            ExportResult? export = null;
            var ingest = new List<IngestCell>();
            if (fsync is not null) machine.ReadIngestFsync = await Fsync.Set(master.ConnectionString, database, fsync);
            try
            {
                if (!skip.Contains("read"))
                {
                    Console.Error.WriteLine("read …");
                    var reads = new Read(service, database);
                    var token = await reads.Build(sizes.ReadEntries);
                    catchUps.Add(await Daemon.CatchUp(database, "reads", catchUpLimit));
                    (read, plan) = await reads.Run(token, readers: 8, sizes.ReadRequestsPerReader);
                    export = await new Export(service, running).Run(reads.ClientId, token, sizes.ReadEntries);
                    Phase("read");
                }

                if (!skip.Contains("ingest"))
                {
                    Console.Error.WriteLine("ingest …");
                    catchUps.Add(await Daemon.CatchUp(database, "ingest", catchUpLimit));
                    ingest = await new Ingest(service, database).Run([1, 50], [1, 8, 32],
                        batch => batch == 1 ? sizes.IngestBatch1Entries : sizes.IngestBatch50Entries);
                    Phase("ingest");
                }
            }
            finally
            {
                if (fsync is not null) await Fsync.Reset(master.ConnectionString);
            }

            var digests = new List<DigestResult>();
            if (!skip.Contains("digest"))
            {
                Console.Error.WriteLine("digest …");
                catchUps.Add(await Daemon.CatchUp(database, "digest", catchUpLimit));
                await running.DisposeAsync();
                running = null;
                var mixes = Arg("--digest-mix") switch
                {
                    "generator" => new[] { Digest.GeneratorMix },
                    "urges" => [Digest.UrgeMix],
                    _ => [Digest.GeneratorMix, Digest.UrgeMix],
                };
                foreach (var mix in mixes)
                {
                    if (running is not null) await running.DisposeAsync();
                    var (result, next) = await new Digest(service, database).Run(mix, sizes.DigestEntries);
                    running = next;
                    digests.Add(result);
                }
                Phase("digest");
            }
            running ??= (await service.Start()).Process;
            LoadedAlertResult? loaded = null;
            if (!skip.Contains("loaded"))
            {
                Console.Error.WriteLine("alerts under sustained ingest …");
                catchUps.Add(await Daemon.CatchUp(database, "alerts under load", catchUpLimit));
                loaded = await new LoadedAlerts(service).Run(quick ? 5 : sizes.AlertSamples, TimeSpan.FromSeconds(quick ? 10 : 60));
                Phase("alerts under load");
            }
            SoakResult? soak = null;
            if (!skip.Contains("soak"))
            {
                Console.Error.WriteLine("soak …");
                var minutes = double.Parse(Arg("--soak-minutes") ?? (quick ? "0.3" : "10"), System.Globalization.CultureInfo.InvariantCulture);
                soak = await new Soak(service, running).Run(TimeSpan.FromMinutes(minutes));
                Phase("soak");
            }
            var drills = new List<DrillResult>();
            TwoNodeResult? twoNodes = null;
            if (!skip.Contains("drills"))
            {
                Console.Error.WriteLine("drills …");
                foreach (var (drill, crash) in new[] { ("crash (kill -9) under load", true), ("graceful stop (SIGTERM) under load", false) })
                {
                    (var result, running) = await new Drills(service, database).Run(drill, crash, running, 16, TimeSpan.FromSeconds(quick ? 3 : 20));
                    drills.Add(result);
                }
                (var away, running) = await new OutageDrill(service, database).Run(running, TimeSpan.FromSeconds(quick ? 4 : 15));
                drills.Add(away);
                (var nodes, var rolling, running) = await new TwoNodes(service, database).Run(running);
                twoNodes = nodes;
                drills.Add(rolling);
                Phase("drills");
            }
            RebuildResult? rebuild = null;
            if (!skip.Contains("rebuild"))
            {
                Console.Error.WriteLine("rebuild …");
                var r = new Rebuild(service, database);
                await r.TopUp(sizes.RebuildEvents);
                await running.Stop();
                rebuild = await r.Run();
                Phase("rebuild");
            }
            await running.DisposeAsync();
            running = null;

            report = new Report(quick ? "quick" : "full", started, clock.Elapsed.TotalSeconds, sizes, machine, cold, ingest, read, plan,
                alerts, rebuild, catchUps, digests, loaded, drills, twoNodes, soak, export, Targets(ingest, read, alerts, rebuild, cold, digests, loaded, drills, twoNodes), failures.All);
        }
        catch (Exception e)
        {
            failures.Add($"{e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
            if (running is not null) Console.Error.WriteLine("service output (tail):\n" + running.Tail);
        }
        finally
        {
            if (running is not null) await running.DisposeAsync();
            if (args.Contains("--keep-database")) Console.Error.WriteLine($"benchmarks: kept {name} (--keep-database)");
            else
                try { await Admin(master.ConnectionString, $"drop database if exists {name} with (force)"); }
                catch (NpgsqlException e) { Console.Error.WriteLine($"benchmarks: could not drop {name}: {e.Message}"); }
        }

        if (report is not null)
        {
            report = report with { WallSeconds = clock.Elapsed.TotalSeconds, Failures = failures.All };
            Console.WriteLine(Markdown(report));
            if (output is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
                await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report,
                    new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
                Console.Error.WriteLine($"benchmarks: results written to {output}");
            }
        }
        if (failures.Any)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("##########################################################################");
            Console.Error.WriteLine($"BENCHMARKS FAILED: {failures.All.Count} error(s) (non-2xx answers or failed steps); first ones:");
            foreach (var f in failures.All.Take(10)) Console.Error.WriteLine("  " + f);
            Console.Error.WriteLine($"service log: {logPath}");
            Console.Error.WriteLine("##########################################################################");
            return 1;
        }
        Console.Error.WriteLine($"benchmarks: done in {clock.Elapsed.TotalSeconds:0} s, no errors");
        return 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RecoveryLedger.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RecoveryLedger.sln"))) return dir.FullName;
        throw new InvalidOperationException("RecoveryLedger.sln not found above the tool or the working folder");
    }

    private static async Task Admin(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Machine> Describe(NpgsqlDataSource database, string name)
    {
        async Task<string> Show(string setting)
        {
            await using var c = database.CreateCommand($"show {setting}");
            return (string)(await c.ExecuteScalarAsync())!;
        }
        return new Machine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            await Show("server_version"), await Show("fsync"), await Show("synchronous_commit"), await Show("shared_buffers"),
            await Show("max_connections"), name);
    }

    private static List<Target> Targets(List<IngestCell> ingest, List<ReadCell> read, AlertResult? alerts, RebuildResult? rebuild,
        List<ColdStartResult> cold, List<DigestResult> digests, LoadedAlertResult? loaded, List<DrillResult> drills, TwoNodeResult? twoNodes)
    {
        var targets = new List<Target>();
        var sustained = ingest.FirstOrDefault(c => c.Writer == "http" && c.Batch == 50 && c.Clients == 32);
        foreach (var digest in digests)
        {
            var ratio = sustained is null ? double.NaN : digest.EventsPerSecond / sustained.EntriesPerSecond;
            targets.Add(new($"async digest ({digest.Mix}) vs HTTP ingest, 50-entry batches × 32 clients", "≥ 2×",
                $"{Text.Ratio(ratio)} ({Text.Rate(digest.EventsPerSecond)} vs {Text.Rate(sustained?.EntriesPerSecond ?? double.NaN)} /s)",
                double.IsNaN(ratio) ? null : ratio >= 2));
        }
        if (twoNodes is not null)
            targets.Add(new("two nodes: async work spread, failover after killing the alert pipeline's node", "both nodes work; ≤ 30 s",
                $"{twoNodes.AgentsOnFirst} + {twoNodes.AgentsOnSecond} agents; {twoNodes.FailoverSeconds:0.0} s", twoNodes.Holds && twoNodes.FailoverSeconds <= 30));
        foreach (var d in drills)
            targets.Add(new($"drill: {d.Name}", "nothing acknowledged lost, no partial batch, nothing stored twice, one active alert per rule",
                $"lost {d.AcknowledgedLost}, partial {d.PartialBatches}, twice {d.StoredTwice}, duplicate alerts {d.DuplicateActiveAlerts}", d.Holds));
        if (loaded is not null)
            targets.Add(new("safety alert p99 during sustained ingest (50 × 32)", "≤ 2 s", $"{Text.Ms(loaded.Safety.P99Ms)} ms",
                loaded.Safety.Samples > 0 && loaded.Safety.P99Ms <= 2000));
        IngestCell? Cell(string w) => ingest.FirstOrDefault(c => c.Writer == w && c.Batch == 50 && c.Clients == 32);
        if (Cell("http") is { } h && Cell("raw-insert") is { } a && Cell("raw-copy") is { } b)
        {
            targets.Add(new("ingest, 50-entry batches, 32 clients, vs (a) raw INSERT", "≥ 50 %", Text.Pct(h.EntriesPerSecond / a.EntriesPerSecond),
                h.EntriesPerSecond / a.EntriesPerSecond >= 0.5));
            targets.Add(new("ingest, 50-entry batches, 32 clients, vs (b) COPY (issue 16)", "≥ 15 %",
                Text.Pct(h.EntriesPerSecond / b.EntriesPerSecond), h.EntriesPerSecond / b.EntriesPerSecond >= 0.15));
            if (!double.IsNaN(h.ServiceCpuUsPerEntry))
                targets.Add(new("service CPU per ingested entry, 50 × 32, async work included (issue 16)", "≤ 100 µs",
                    $"{Text.Us(h.ServiceCpuUsPerEntry)} µs", h.ServiceCpuUsPerEntry <= 100));
        }
        foreach (var (op, raw) in new[] { ("timeline first page", "raw sql"), ("timeline deep page (90 %)", "raw sql"), ("streak", "raw sql (history row)") })
        {
            var http = read.FirstOrDefault(c => c.Operation == op && c.Via == "http");
            var baseline = read.FirstOrDefault(c => c.Operation == op && c.Via == raw);
            if (http is null || baseline is null) continue;
            var ratio = http.P99Ms / baseline.P99Ms;
            targets.Add(new($"{op} p99 vs raw p99", "≤ 3× and ≤ 15 ms", $"{Text.Ratio(ratio)}, {Text.Ms(http.P99Ms)} ms", ratio <= 3 && http.P99Ms <= 15));
        }
        if (rebuild is not null)
            targets.Add(new("rebuild vs raw read + deserialise", "≥ 30 %", Text.Pct(rebuild.Ratio), rebuild.Ratio >= 0.3));
        if (alerts is not null)
            targets.Add(new("alert latency p99", "≤ 1 s", $"{Text.Ms(alerts.P99Ms)} ms", alerts.P99Ms <= 1000));
        if (cold.Count == 2)
        {
            var ratio = cold[0].P50Ms / cold[1].P50Ms;
            targets.Add(new($"cold start vs empty app (p50; {cold[0].Build})", "≤ 3×", Text.Ratio(ratio), ratio <= 3));
        }
        return targets;
    }

    public static string Markdown(Report r)
    {
        var sb = new StringBuilder();
        var m = r.Machine;
        sb.AppendLine($"## RecoveryLedger benchmarks ({r.Mode}, {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.WallSeconds:0} s)");
        sb.AppendLine();
        sb.AppendLine($"{m.Cores} cores, {m.Os}, {m.Runtime}; PostgreSQL {m.PostgreSql} on the same machine (fsync={m.Fsync}, " +
                      $"synchronous_commit={m.SynchronousCommit}, shared_buffers={m.SharedBuffers}); service, load generator and database share the cores. " +
                      $"The service outside the cold start: {m.Service}.");
        sb.AppendLine();
        if (r.Ingest.Count > 0)
        {
            sb.AppendLine($"### Ingest (fsync={m.ReadIngestFsync}; entries/s; latency per batch p50 / p95 / p99 ms)");
            sb.AppendLine();
            var rows = r.Ingest.GroupBy(c => (c.Batch, c.Clients)).Select(g =>
            {
                var h = g.First(c => c.Writer == "http");
                var a = g.First(c => c.Writer == "raw-insert");
                var b = g.First(c => c.Writer == "raw-copy");
                string Lat(IngestCell c) => $"{Text.Ms(c.P50Ms)} / {Text.Ms(c.P95Ms)} / {Text.Ms(c.P99Ms)}";
                return new[]
                {
                    $"{g.Key.Batch}", $"{g.Key.Clients}", Text.Rate(h.EntriesPerSecond), Lat(h), Text.Rate(a.EntriesPerSecond), Lat(a),
                    Text.Rate(b.EntriesPerSecond), Lat(b), Text.Pct(h.EntriesPerSecond / a.EntriesPerSecond),
                    Text.Pct(h.EntriesPerSecond / b.EntriesPerSecond), Text.Us(h.ServiceCpuUsPerEntry),
                    $"{Text.Us(h.DatabaseCpuUsPerEntry)} / {Text.Us(a.DatabaseCpuUsPerEntry)} / {Text.Us(b.DatabaseCpuUsPerEntry)}",
                    $"{g.Sum(c => c.Errors)}",
                };
            });
            sb.AppendLine(Text.Table(["batch", "clients", "HTTP /s", "HTTP ms", "(a) INSERT /s", "(a) ms", "(b) COPY /s", "(b) ms",
                "HTTP ÷ (a)", "HTTP ÷ (b)", "service CPU µs/entry (HTTP)", "PostgreSQL CPU µs/entry (HTTP / a / b)", "errors"], rows));
        }
        if (r.Read.Count > 0)
        {
            sb.AppendLine($"### Read (fsync={m.ReadIngestFsync}; {r.Sizes.ReadEntries:#,0}-entry client, 8 concurrent readers, ms)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["operation", "via", "requests", "p50", "p99", "errors"],
                r.Read.Select(c => new[] { c.Operation, c.Via, $"{c.Requests}", Text.Ms(c.P50Ms), Text.Ms(c.P99Ms), $"{c.Errors}" })));
        }
        if (r.Rebuild is { } rb)
        {
            sb.AppendLine("### Rebuild");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["events", "rebuild /s (host start excluded)", "rebuild wall s", "host start+stop s", "raw read+deserialise /s", "ratio"],
                [[rb.Events.ToString("#,0"), Text.Rate(rb.EventsPerSecond), rb.RebuildSeconds.ToString("0.0"), rb.HostOverheadSeconds.ToString("0.0"),
                    Text.Rate(rb.RawEventsPerSecond), Text.Pct(rb.Ratio)]]));
        }
        if (r.Alerts is { } al)
        {
            sb.AppendLine("### Alert latency (inner lapse POST → alert in GET /api/alerts, ms)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["samples", "p50", "p99", "max", "errors"],
                [[$"{al.Samples}", Text.Ms(al.P50Ms), Text.Ms(al.P99Ms), Text.Ms(al.MaxMs), $"{al.Errors}"]]));
        }
        if (r.Digest.Count > 0)
        {
            sb.AppendLine("### Async digest (a backlog built with the async work off, then digested; events/s after the first committed page, and from the service being ready)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["mix", "backlog", "events", "alert pipeline /s", "from ready /s", "analytics /s", "from ready /s", "caught up"],
                r.Digest.Select(d => new[] { d.Mix, $"{d.Batch}-entry batches × {d.Clients} clients", d.Events.ToString("#,0"), Text.Rate(d.AlertsEventsPerSecond),
                    Text.Rate(d.AlertsFromReadyPerSecond), Text.Rate(d.AnalyticsEventsPerSecond), Text.Rate(d.AnalyticsFromReadyPerSecond), d.CaughtUp ? "yes" : "**no**" })));
        }
        if (r.LoadedAlerts is { } la)
        {
            sb.AppendLine($"### Alert latency during sustained ingest ({la.Batch}-entry batches × {la.Writers} clients, {Text.Rate(la.IngestEntriesPerSecond)} entries/s; POST → alert in GET, ms)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["entry", "decided by", "samples", "p50", "p99", "max", "errors"],
            [
                ["safety check-in", "the append's transaction", $"{la.Safety.Samples}", Text.Ms(la.Safety.P50Ms), Text.Ms(la.Safety.P99Ms), Text.Ms(la.Safety.MaxMs), $"{la.Safety.Errors}"],
                ["inner lapse", "the alert pipeline", $"{la.Lapse.Samples} (+{la.LapsesNotSeen} not seen within {la.PatienceSeconds:0} s)",
                    Text.Ms(la.Lapse.P50Ms), Text.Ms(la.Lapse.P99Ms), Text.Ms(la.Lapse.MaxMs), $"{la.Lapse.Errors}"],
            ]));
        }
        if (r.Soak is { } so)
        {
            sb.AppendLine($"### Soak ({so.Minutes:0.#} min, {so.Writers} writers of 10-entry batches, {so.Readers} readers; {so.Requests:#,0} requests, {so.Errors} errors; resident set last third ÷ first third {so.Growth:0.00}, ÷ middle third {so.LateGrowth:0.00})");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["minute", "resident MiB", "requests so far", "errors so far"],
                so.Samples.Select(x => new[] { x.Minute.ToString("0.0"), x.ResidentMiB.ToString("0"), x.Requests.ToString("#,0"), $"{x.Errors}" })));
        }
        if (r.Drills.Count > 0)
        {
            sb.AppendLine("### Failure drills (16 writers of 50-entry batches, then a restart and a full resend)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["drill", "load s", "answered", "unanswered", "not 2xx", "stored", "ack. lost", "partial",
                    "resend accepted / duplicates", "stored twice", "dup. active alerts", "stop s", "ready again s"],
                r.Drills.Select(d => new[]
                {
                    d.Name, d.LoadSeconds.ToString("0"), $"{d.BatchesAnswered}", $"{d.BatchesUnanswered}", $"{d.AnsweredNot2xx}",
                    d.EntriesStoredBefore.ToString("#,0"), $"{d.AcknowledgedLost}", $"{d.PartialBatches}",
                    $"{d.ResendAccepted:#,0} / {d.ResendDuplicates:#,0}", $"{d.StoredTwice}", $"{d.DuplicateActiveAlerts}",
                    d.StopSeconds.ToString("0.0"), d.ReadySeconds.ToString("0.0"),
                })));
        }
        if (r.AsyncCatchUp.Count > 0)
        {
            sb.AppendLine("### Async work (alert subscription + analytics) catching up before a phase");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["before", "events behind", "seconds", "caught up", "events/s"],
                r.AsyncCatchUp.Select(c => new[] { c.Before, c.EventsBehind.ToString("#,0"), c.Seconds.ToString("0.0"), c.CaughtUp ? "yes" : "**no**",
                    c.CaughtUp && c.Seconds > 0.2 ? Text.Rate(c.EventsBehind / c.Seconds) : "–" })));
        }
        if (r.ColdStart.Count > 0)
        {
            sb.AppendLine($"### Cold start (process start → /health/ready = 200, ms; {r.ColdStart[0].Build}, both apps built alike)");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["app", "runs", "p50", "max"],
                r.ColdStart.Select(c => new[] { c.App, $"{c.Runs}", Text.Ms(c.P50Ms), Text.Ms(c.MaxMs) })));
        }
        if (r.Targets.Count > 0)
        {
            sb.AppendLine($"### Targets (issue 7; the read and ingest rows measured with fsync={m.ReadIngestFsync})");
            sb.AppendLine();
            sb.AppendLine(Text.Table(["target", "goal", "measured", "met"],
                r.Targets.Select(t => new[] { t.Name, t.Goal, t.Measured, t.Met switch { true => "yes", false => "**no**", null => "–" } })));
        }
        if (r.Export is { } x)
        {
            sb.AppendLine($"### Export (JSON, streamed): {x.Entries:#,0} entries, {x.Megabytes:0.0} MB in {x.Seconds:0.00} s; service resident set " +
                          $"{x.BaselineMiB:0} MiB → peak {x.PeakMiB:0} MiB, a rise of {x.GrowthOverSize:0.00} × the export's size");
            sb.AppendLine();
        }
        if (r.DeepPagePlan.Length > 0)
        {
            sb.AppendLine("### EXPLAIN ANALYZE of the service's deep-page query");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(r.DeepPagePlan);
            sb.AppendLine("```");
        }
        sb.AppendLine($"errors: {r.Failures.Count}");
        return sb.ToString();
    }
}

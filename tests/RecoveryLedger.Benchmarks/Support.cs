using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace RecoveryLedger.Benchmarks;

/// <summary>Latency samples in milliseconds; percentiles by nearest rank.</summary>
public sealed class Samples
{
    private readonly ConcurrentBag<double> values = [];
    public void Add(double ms) => values.Add(ms);
    public int Count => values.Count;

    public double Percentile(double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => values.IsEmpty ? double.NaN : values.Max();
    public double Mean => values.IsEmpty ? double.NaN : values.Average();

    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

/// <summary>Everything that went wrong; any entry fails the run (non-zero exit).</summary>
public sealed class Failures
{
    private readonly ConcurrentQueue<string> messages = new();
    public void Add(string message)
    {
        if (messages.Count < 200) messages.Enqueue(message);
    }

    public IReadOnlyCollection<string> All => messages.ToArray();
    public bool Any => !messages.IsEmpty;
}

public static class Net
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A child process (the service, the empty app, or a command of the service) with its output kept.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private readonly Process process;
    private readonly ConcurrentQueue<string> tail = new();
    private readonly StreamWriter? log;
    private readonly Lock logLock = new();
    public long StartedAt { get; }
    public string Name { get; }

    private ChildProcess(string name, Process process, StreamWriter? log, long startedAt)
    {
        Name = name;
        this.process = process;
        this.log = log;
        StartedAt = startedAt;
    }

    public static ChildProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string? logPath) =>
        Start(name, "dotnet", [dll, .. args], Path.GetDirectoryName(dll)!, env, logPath);

    private static ChildProcess Start(string name, string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string> env, string? logPath)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The app's own folder: Production reads appsettings.json from the content root (= working folder).
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var writer = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = Stopwatch.GetTimestamp();
        var child = new ChildProcess(name, process, writer, started);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start {name}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        tail.Enqueue(line);
        while (tail.Count > 60) tail.TryDequeue(out _);
        if (log is not null) lock (logLock) log.WriteLine(line);
    }

    public string Tail => string.Join('\n', tail);
    public int Pid => process.Id;

    /// <summary>The process's resident set in MiB (Linux /proc), NaN where that is not readable.</summary>
    public double ResidentMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { return double.NaN; }
    }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Milliseconds from process start until GET url answers 200 (polled every 5 ms).</summary>
    public async Task<double> WaitReady(HttpClient http, string url, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before it was ready:\n{Tail}");
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync(url, cts.Token);
                if (response.StatusCode == HttpStatusCode.OK) return Samples.Since(StartedAt);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(5);
        }
        throw new TimeoutException($"{Name} was not ready at {url} within {timeout}:\n{Tail}");
    }

    public async Task<int> WaitExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Name} did not finish within {timeout}:\n{Tail}");
        }
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies mid-work (a crash drill).</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        SendSignal(process.Id, 9);
        process.WaitForExit();
    }

    /// <summary>SIGTERM (a graceful host shutdown), then SIGKILL after 15 s.</summary>
    public async Task Stop()
    {
        if (process.HasExited) return;
        SendSignal(process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await Stop(); } catch (InvalidOperationException) { }
        process.Dispose();
        log?.Dispose();
    }

    /// <summary>Runs a program (e.g. <c>dotnet publish</c>) in the current folder to completion; throws with its output when it fails.</summary>
    public static async Task Execute(string name, string program, IEnumerable<string> args, string? logPath, TimeSpan timeout)
    {
        await using var child = Start(name, program, args, Environment.CurrentDirectory, new Dictionary<string, string>(), logPath);
        var code = await child.WaitExit(timeout);
        if (code != 0) throw new InvalidOperationException($"{name} exited with {code}:\n{child.Tail}");
    }

    /// <summary>Runs a command of the service to completion; throws with its output when it fails.</summary>
    public static async Task<(double Ms, string Output)> Run(string name, string dll, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> env, string? logPath, TimeSpan timeout)
    {
        await using var child = Start(name, dll, args, env, logPath);
        var code = await child.WaitExit(timeout);
        var ms = Samples.Since(child.StartedAt);
        if (code != 0) throw new InvalidOperationException($"{name} exited with {code}:\n{child.Tail}");
        return (ms, child.Tail);
    }
}

/// <summary>
/// CPU time spent by the service and by PostgreSQL (Linux /proc, NaN elsewhere): the figure issue 16 states per
/// ingested entry. PostgreSQL's is the benchmark's own server only (its postmaster, found from a backend's parent,
/// with every live child and what it reaped from exited backends): other clusters on the machine are not counted.
/// </summary>
public static class CpuClock
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on
    private static int postmaster;

    /// <summary>Finds the server's postmaster when it runs on this machine (else PostgreSQL's CPU stays NaN).</summary>
    public static async Task FindPostmaster(Npgsql.NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("select pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync())!;
        postmaster = Fields(backend) is { } f && f[1] == "(postgres)" ? (int)Tick(f, 3) : 0;
    }

    public static double ProcessSeconds(int pid) => Fields(pid) is { } f ? (Tick(f, 13) + Tick(f, 14)) / TicksPerSecond : double.NaN;

    public static double PostgresSeconds()
    {
        if (postmaster == 0 || Fields(postmaster) is not { } server) return double.NaN;
        var total = Tick(server, 13) + Tick(server, 14) + Tick(server, 15) + Tick(server, 16);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Fields(pid) is { } f && Tick(f, 3) == postmaster)
                total += Tick(f, 13) + Tick(f, 14);
        return total / TicksPerSecond;
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')'); // the name may hold spaces
            return [stat[..stat.IndexOf(' ')], "(" + stat[(stat.IndexOf('(') + 1)..close] + ")", .. stat[(close + 2)..].Split(' ')];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static double Tick(string[] fields, int index) => double.Parse(fields[index], System.Globalization.CultureInfo.InvariantCulture);
}

public static class Text
{
    public static string Ms(double v) => double.IsNaN(v) ? "–" : v < 10 ? v.ToString("0.00") : v < 100 ? v.ToString("0.0") : v.ToString("0");
    public static string Us(double v) => double.IsNaN(v) ? "–" : v.ToString("0");
    public static string Rate(double v) => double.IsNaN(v) ? "–" : v.ToString("#,0");
    public static string Ratio(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "–" : v.ToString("0.00") + "×";
    public static string Pct(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "–" : (v * 100).ToString("0") + " %";

    public static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        sb.Append('|').AppendJoin('|', header.Select((_, i) => i == 0 ? "---" : "---:")).AppendLine("|");
        foreach (var r in rows) sb.Append("| ").AppendJoin(" | ", r).AppendLine(" |");
        return sb.ToString();
    }
}

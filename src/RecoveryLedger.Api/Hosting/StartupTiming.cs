using System.Diagnostics;
using System.Runtime;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// Where start-up time goes, for an operator or a benchmark chasing cold start (docs/performance.md, "Cold start
/// (issue 16)"): with <c>Diagnostics:StartupTiming=true</c> the service logs, once it first answers
/// <c>/health/ready</c> with 200, one Information line per phase — milliseconds since the process started and since
/// the previous mark, and the process's CPU time (all threads) and the methods the JIT compiled likewise — on a busy machine the CPU column is the steadier
/// one. Off by default; the marks hold phase names and times only, never a request or a person.
/// </summary>
public static class StartupTiming
{
    public const string Setting = "Diagnostics:StartupTiming";

    private static readonly List<(string Phase, TimeSpan At, TimeSpan Cpu, long Jitted, TimeSpan Jit)> Marks = [];
    private static int _reported;

    /// <summary>Records a phase's end. Cheap enough to call unconditionally; reported only when the setting is on.</summary>
    public static void Mark(string phase)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        lock (Marks) Marks.Add((phase, DateTime.Now - process.StartTime, cpu, JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime()));
    }

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    /// <summary>
    /// A mark before the first hosted service and after each (the host starts them one after the other, in
    /// registration order: Wolverine's runtime, Marten's daemon, …; the web server is added by Build and starts
    /// last, so "application started" ends it). Call last, just before Build.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryLedgerStartupTiming(this WebApplicationBuilder builder)
    {
        if (!Enabled(builder.Configuration)) return builder;
        var services = builder.Services;
        var hosted = 0;
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType != typeof(IHostedService)) continue;
            if (hosted == 0) services.Insert(i++, Marker(-1));
            services.Insert(++i, Marker(hosted++));
        }
        return builder;
    }

    private static ServiceDescriptor Marker(int after) =>
        ServiceDescriptor.Singleton<IHostedService>(sp => new HostedServicesMark(sp, after));

    public static WebApplication UseRecoveryLedgerStartupTiming(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTiming).FullName!);
        app.Lifetime.ApplicationStarted.Register(() => Mark("application started (web server listening)"));
        app.Use(async (context, next) =>
        {
            await next(context);
            if (Volatile.Read(ref _reported) == 0 && context.Response.StatusCode == StatusCodes.Status200OK
                && context.Request.Path.Equals("/health/ready") && Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Mark("first /health/ready 200");
                Report(logger);
            }
        });
        return app;
    }


    private static void Report(ILogger logger)
    {
        (string Phase, TimeSpan At, TimeSpan Cpu, long Jitted, TimeSpan Jit)[] marks;
        lock (Marks) marks = [.. Marks];
        var last = (At: TimeSpan.Zero, Cpu: TimeSpan.Zero, Jitted: 0L, Jit: TimeSpan.Zero);
        foreach (var (phase, at, cpu, jitted, jit) in marks)
        {
            logger.LogInformation(
                "Start-up: {Phase} at {AtMs:0} ms (+{PhaseMs:0} ms; CPU {CpuMs:0} ms, +{PhaseCpuMs:0} ms; JIT {Jitted} methods, +{PhaseJitted} in +{PhaseJitMs:0} ms)",
                phase, at.TotalMilliseconds, (at - last.At).TotalMilliseconds, cpu.TotalMilliseconds, (cpu - last.Cpu).TotalMilliseconds,
                jitted, jitted - last.Jitted, (jit - last.Jit).TotalMilliseconds);
            last = (at, cpu, jitted, jit);
        }
    }

    /// <summary>Marks when the host reaches it: the hosted service registered before it (by position) has started.</summary>
    private sealed class HostedServicesMark(IServiceProvider services, int after) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (after < 0) Mark("hosted services starting");
            else
            {
                var started = services.GetServices<IHostedService>().Where(s => s is not HostedServicesMark).ElementAtOrDefault(after);
                Mark($"hosted service started: {started?.GetType().Name ?? "?"}");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

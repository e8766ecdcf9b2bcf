using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryLedger.Api.Hosting;
using Wolverine;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>What start-up does and does not do (issue 16, cold start; docs/design.md).</summary>
public sealed class starting_up
{
    private static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=never-opened",
            ["Analytics:PseudonymKey"] = "a-key-for-this-test",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    /// <summary>What Marten and Wolverine would do to the schema on their own, as the service configures them (host not started).</summary>
    private static (AutoCreate Marten, AutoCreate Wolverine) SchemaChangesIn(string environment)
    {
        var builder = Builder(environment);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddRecoveryLedgerPersistence();
        using var app = builder.Build();
        return (app.Services.GetRequiredService<StoreOptions>().AutoCreateSchemaObjects,
            app.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup);
    }

    [Fact]
    public void outside_development_neither_marten_nor_wolverine_changes_the_schema() =>
        SchemaChangesIn("Production").ShouldBe((AutoCreate.None, AutoCreate.None));

    [Fact]
    public void in_development_both_still_create_or_update_it() =>
        SchemaChangesIn("Development").ShouldBe((AutoCreate.CreateOrUpdate, AutoCreate.CreateOrUpdate));

    [Fact]
    public void the_async_daemon_starts_a_second_after_the_web_server_outside_development()
    {
        PersistenceSetup.AsyncWorkStartDelayOf(Builder("Production")).ShouldBe(TimeSpan.FromSeconds(1));
        PersistenceSetup.AsyncWorkStartDelayOf(Builder("Development")).ShouldBeNull();
        PersistenceSetup.AsyncWorkStartDelayOf(Builder("Production", ("AsyncWork:StartDelay", "00:00:05"))).ShouldBe(TimeSpan.FromSeconds(5));
        PersistenceSetup.AsyncWorkStartDelayOf(Builder("Production", ("AsyncWork:StartDelay", "off"))).ShouldBeNull();
    }

    [Fact]
    public void start_up_timing_is_off_unless_asked_for()
    {
        StartupTiming.Enabled(Builder("Production").Configuration).ShouldBeFalse();
        StartupTiming.Enabled(Builder("Production", (StartupTiming.Setting, "true")).Configuration).ShouldBeTrue();
    }

    [Fact]
    public async Task a_deferred_service_starts_only_once_the_application_has_started()
    {
        var (inner, lifetime) = (new Recording(), new Lifetime());
        using var deferred = new DeferredStart(inner, lifetime, TimeSpan.Zero, NullLogger<DeferredStart>.Instance);

        await deferred.StartAsync(CancellationToken.None);
        inner.Started.ShouldBeFalse();

        lifetime.Start();
        await Eventually.Get(() => Task.FromResult(inner.Started ? "started" : null), TimeSpan.FromSeconds(5), "the deferred start");
        await deferred.StopAsync(CancellationToken.None);
        inner.Stopped.ShouldBeTrue();
    }

    [Fact]
    public async Task a_deferred_service_stopped_before_its_start_never_starts()
    {
        var (inner, lifetime) = (new Recording(), new Lifetime());
        using var deferred = new DeferredStart(inner, lifetime, TimeSpan.FromMinutes(1), NullLogger<DeferredStart>.Instance);

        await deferred.StartAsync(CancellationToken.None);
        lifetime.Start();
        await deferred.StopAsync(CancellationToken.None);

        inner.Started.ShouldBeFalse();
        inner.Stopped.ShouldBeFalse();
    }

    private sealed class Recording : IHostedService
    {
        public bool Started { get; private set; }
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();
        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void Start() => _started.Cancel();
        public void StopApplication() { }
    }
}

using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    public void start_up_timing_is_off_unless_asked_for()
    {
        StartupTiming.Enabled(Builder("Production").Configuration).ShouldBeFalse();
        StartupTiming.Enabled(Builder("Production", (StartupTiming.Setting, "true")).Configuration).ShouldBeTrue();
    }
}

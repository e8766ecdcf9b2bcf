using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Identity;
using Wolverine;

namespace RecoveryLedger.Tests.Support;

/// <summary>
/// One host per test run against the real PostgreSQL that <c>scripts/test</c> provides through
/// <c>ConnectionStrings__Postgres</c>. The schema is wiped once at start; tests then isolate
/// themselves by fresh ids and fresh clinics (tenants) rather than by wiping between tests, which
/// is both faster and closer to production, where many clinics share the tables.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string SigningKey = "integration-test-signing-key-0123456789-abcdef";
    public IAlbaHost Host { get; private set; } = null!;
    public AuthOptions Auth { get; } = new() { SigningKey = SigningKey };

    public async Task InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new InvalidOperationException(
                "ConnectionStrings__Postgres is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL.");

        var apart = await ClinicsApart.Settings();
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Postgres", connection);
            builder.UseSetting("Auth:SigningKey", SigningKey);
            foreach (var (key, value) in apart) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
        await Host.ResetAllMartenDataAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}

using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace RecoveryLedger.Tests.Support;

/// <summary>
/// Extra hosts for tests that need their own clock or configuration, or a restart. Each gets a
/// database of its own on the test server: two Wolverine nodes on one database would pick up each
/// other's scheduled messages, and a test about time must own all the work that reads its clock.
/// </summary>
public static class TestHosts
{
    public static string BaseConnection =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set: run the tests with scripts/test.");

    /// <summary>A fresh, empty database on the test server; its connection string.</summary>
    public static async Task<string> NewDatabase(string purpose)
    {
        var name = $"rl_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(BaseConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(BaseConnection) { Database = name }.ConnectionString;
    }

    public static async Task<IAlbaHost> Start(string connection, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Postgres", connection);
            builder.UseSetting("Auth:SigningKey", AppFixture.SigningKey);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
            builder.ConfigureServices(s =>
            {
                services?.Invoke(s);
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
            });
        });
    }
}

public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="probe"/> gives a value, or fails after <paramref name="within"/>:
    /// asynchronous work (alerts, scheduled checks) is observed through the API, as a user would.
    /// </summary>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan within, string what) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new Shouldly.ShouldAssertException($"Not within {within.TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }
}

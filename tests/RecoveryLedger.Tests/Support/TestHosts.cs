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

    private const string Label = "recoveryledger test database, created ";
    private static readonly Lazy<Task> LeftoversDropped = new(DropLeftovers);

    /// <summary>A fresh, empty database on the test server; its connection string.</summary>
    public static async Task<string> NewDatabase(string purpose)
    {
        await LeftoversDropped.Value;
        var name = $"rl_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(BaseConnection))
        {
            await connection.OpenAsync();
            await Execute(connection, $"create database {name}");
            // Labelled with the server's clock, so that a later run can tell it is a leftover.
            await Execute(connection, $"do $$ begin execute format('comment on database {name} is %L', '{Label}' || now()); end $$");
        }
        return new NpgsqlConnectionStringBuilder(BaseConnection) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// CI's cluster is thrown away, but a shared server (the compose PostgreSQL, a developer's own)
    /// would keep every test database of every run: nothing can drop them when a run ends, as the
    /// test host's process is stopped before a DROP DATABASE (a checkpoint) completes. So each run
    /// drops the labelled ones old enough that no run still uses them (a CI run is capped at 90 min).
    /// </summary>
    private static async Task DropLeftovers()
    {
        await using var connection = new NpgsqlConnection(BaseConnection);
        await connection.OpenAsync();
        var leftovers = new List<string>();
        await using (var find = new NpgsqlCommand(
            """
            select datname from (select datname, shobj_description(oid, 'pg_database') as label from pg_database) databases
            where case when label like @label || '%' then substr(label, length(@label) + 1)::timestamptz end < now() - interval '3 hours'
            """, connection))
        {
            find.Parameters.AddWithValue("label", Label);
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync()) leftovers.Add(reader.GetString(0));
        }
        foreach (var name in leftovers) await Execute(connection, $"drop database if exists \"{name}\" with (force)");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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

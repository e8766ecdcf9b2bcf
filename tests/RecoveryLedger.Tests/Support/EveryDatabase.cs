using Marten;
using Npgsql;

namespace RecoveryLedger.Tests.Support;

/// <summary>
/// Raw SQL over every database of the store: the one database by default, each clinic database when clinics
/// are spread (ClinicsApart) — tests that look under the API look everywhere a clinic's records may be.
/// </summary>
public static class EveryDatabase
{
    public static async Task<IReadOnlyList<T>> Query<T>(IDocumentStore store, string sql)
    {
        var values = new List<T>();
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = (NpgsqlConnection)database.CreateConnection();
            values.AddRange(await Query<T>(connection, sql));
        }
        return values;
    }

    /// <summary>The first column of every row, from the database a connection string names.</summary>
    public static async Task<IReadOnlyList<T>> Query<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await Query<T>(connection, sql);
    }

    private static async Task<IReadOnlyList<T>> Query<T>(NpgsqlConnection connection, string sql)
    {
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}

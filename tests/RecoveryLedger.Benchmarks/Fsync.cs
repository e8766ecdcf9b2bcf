using Npgsql;

namespace RecoveryLedger.Benchmarks;

/// <summary>
/// <c>--fsync on|off</c>: the server's fsync for the read and ingest phases, to tell what the disk's flushes cost from
/// what the service costs. fsync is a reload-time setting: ALTER SYSTEM and a reload change it for the whole server,
/// so the tool resets it afterwards (also when interrupted) — a throwaway cluster's business only.
/// </summary>
public static class Fsync
{
    /// <summary>Sets fsync and answers the value the benchmark's own database now sees.</summary>
    public static async Task<string> Set(string server, NpgsqlDataSource database, string value)
    {
        await Run(server, $"alter system set fsync = {value}");
        // The reload reaches the postmaster asynchronously: wait until fresh connections see the value (or say what they see).
        var seen = "";
        for (var attempt = 0; attempt < 50 && seen != value; attempt++)
        {
            database.Clear();
            await using var show = database.CreateCommand("show fsync");
            seen = (string)(await show.ExecuteScalarAsync())!;
            if (seen != value) await Task.Delay(100);
        }
        return seen;
    }

    public static Task Reset(string server) => Run(server, "alter system reset fsync");

    private static async Task Run(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand(sql, connection)) await alter.ExecuteNonQueryAsync();
        await using var reload = new NpgsqlCommand("select pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync();
    }
}

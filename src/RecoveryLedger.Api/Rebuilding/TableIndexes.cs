using Npgsql;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// A table's primary key and indexes, dropped before it is refilled and built again afterwards from their own definitions
/// (PostgreSQL's catalog), inside the rebuild's transaction: building a B-tree from a million sorted keys costs a
/// fraction of a million single inserts into it. An interrupted rebuild rolls the drop back with everything else.
/// </summary>
public sealed class TableIndexes(List<string> restore)
{
    public static async Task<TableIndexes> DropAsync(NpgsqlConnection connection, string table, CancellationToken cancellation)
    {
        var restore = new List<string>();
        var drop = new List<string>();
        await using (var command = new NpgsqlCommand(
            "select c.conname, pg_get_constraintdef(c.oid) from pg_constraint c where c.conrelid = @table::regclass and c.contype = 'p'", connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                drop.Add($"alter table {table} drop constraint {reader.GetString(0)}");
                restore.Add($"alter table {table} add constraint {reader.GetString(0)} {reader.GetString(1)}");
            }
        }
        await using (var command = new NpgsqlCommand(
            "select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i " +
            "where i.indrelid = @table::regclass and not i.indisprimary", connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                drop.Add($"drop index {reader.GetString(0)}");
                restore.Add(reader.GetString(1));
            }
        }
        foreach (var statement in drop) await RebuildSql.ExecuteAsync(connection, statement, cancellation);
        return new TableIndexes(restore);
    }

    /// <summary>Builds them again; PostgreSQL may use parallel workers for each.</summary>
    public async Task RestoreAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await RebuildSql.ExecuteAsync(connection, "set local maintenance_work_mem = '256MB'", cancellation);
        foreach (var statement in restore) await RebuildSql.ExecuteAsync(connection, statement, cancellation);
    }

}

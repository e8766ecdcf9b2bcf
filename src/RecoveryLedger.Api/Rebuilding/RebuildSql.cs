using Marten;
using Npgsql;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>The two pieces of SQL plumbing the rebuild's parts share.</summary>
public static class RebuildSql
{
    /// <summary>A document type's table, as Marten's mapping names it.</summary>
    public static string TableOf(IDocumentStore store, Type document) =>
        store.Options.FindOrResolveDocumentType(document).TableName.QualifiedName;

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

using Marten;
using Marten.Internal.Storage;
using Marten.Storage;
using Npgsql;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// Documents written with Marten's own bulk loader (binary COPY in Marten's table layout, duplicated columns included)
/// on the rebuild's connection, so they commit or roll back with the rest of it.
/// </summary>
public sealed class DocumentCopy(DocumentStore store, IMartenDatabase database, NpgsqlConnection connection)
{
    public NpgsqlConnection Connection => connection;

    public async Task WriteAsync<T>(string tenantId, IReadOnlyCollection<T> documents, CancellationToken cancellation) where T : notnull
    {
        if (documents.Count == 0) return;
        var provider = (MartenDocumentProvider<T>)database.Providers.StorageFor<T>();
        var tenant = await store.Tenancy.GetTenantAsync(tenantId);
        await provider.BulkLoader.LoadAsync(tenant, store.Options.Serializer(), connection, documents, cancellation);
    }
}

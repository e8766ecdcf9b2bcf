using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Storage;
using Npgsql;
using RecoveryLedger.Api.Hosting;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// A database's event log read once, in sequence order, up to a ceiling: each row deserialised by Marten's own
/// serializer into its event type and wrapped as Marten wraps it, so the projections see what the daemon gives them.
/// Archived events are left out, as Marten's rebuild leaves them out.
/// </summary>
public sealed class EventLog(DocumentStore store)
{
    private readonly Dictionary<string, Type?> _types = new();

    public static async Task<long> CeilingAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {PersistenceSetup.Schema}.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    public async IAsyncEnumerable<List<IEvent>> PagesAsync(IMartenDatabase database, long ceiling, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        var serializer = store.Options.Serializer();
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select seq_id, id, stream_id, version, timestamp, tenant_id, mt_dotnet_type, data " +
            $"from {PersistenceSetup.Schema}.mt_events where seq_id <= @ceiling and is_archived = false order by seq_id", connection);
        command.Parameters.AddWithValue("ceiling", ceiling);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var page = new List<IEvent>(pageSize);
        while (await reader.ReadAsync(cancellation))
        {
            if (Read(reader, serializer) is not { } e) continue;
            page.Add(e);
            if (page.Count < pageSize) continue;
            yield return page;
            page = new List<IEvent>(pageSize);
        }
        if (page.Count > 0) yield return page;
    }

    /// <summary>One row as Marten's event; null for a type this build no longer knows (Marten's rebuild skips it too).</summary>
    private IEvent? Read(NpgsqlDataReader reader, ISerializer serializer)
    {
        var sequence = reader.GetInt64(0);
        var id = reader.GetGuid(1);
        var streamId = reader.GetGuid(2);
        var version = reader.GetInt64(3);
        var timestamp = reader.GetFieldValue<DateTimeOffset>(4);
        var tenantId = reader.GetString(5);
        var type = TypeOf(reader.IsDBNull(6) ? "" : reader.GetString(6));
        if (type is null) return null;
        var e = store.Events.BuildEvent(serializer.FromJson(type, reader, 7));
        e.Sequence = sequence;
        e.Id = id;
        e.StreamId = streamId;
        e.Version = version;
        e.Timestamp = timestamp;
        e.TenantId = tenantId;
        return e;
    }

    private Type? TypeOf(string dotNetName)
    {
        if (!_types.TryGetValue(dotNetName, out var type))
            _types[dotNetName] = type = dotNetName.Length == 0 ? null : Type.GetType(dotNetName, throwOnError: false);
        return type;
    }
}

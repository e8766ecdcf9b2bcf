using System.Runtime.CompilerServices;
using System.Text.Json;
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
    private readonly Dictionary<string, LoggedType?> _types = new();
    private readonly JsonSerializerOptions _json = MartensOptions(store);
    private byte[] _row = new byte[16 * 1024];
    private const byte JsonbVersion = 1;

    public static async Task<long> CeilingAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {PersistenceSetup.Schema}.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    public async IAsyncEnumerable<List<IEvent>> PagesAsync(IMartenDatabase database, long ceiling, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
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
            if (Read(reader) is not { } e) continue;
            page.Add(e);
            if (page.Count < pageSize) continue;
            yield return page;
            page = new List<IEvent>(pageSize);
        }
        if (page.Count > 0) yield return page;
    }

    /// <summary>One row as Marten's event; null for a type this build no longer knows (Marten's rebuild skips it too).</summary>
    private IEvent? Read(NpgsqlDataReader reader)
    {
        var sequence = reader.GetInt64(0);
        var id = reader.GetGuid(1);
        var streamId = reader.GetGuid(2);
        var version = reader.GetInt64(3);
        var timestamp = reader.GetFieldValue<DateTimeOffset>(4);
        var tenantId = reader.GetString(5);
        var type = TypeOf(reader.IsDBNull(6) ? "" : reader.GetString(6));
        if (type is null) return null;
        var e = type.Wrap(JsonSerializer.Deserialize(Json(reader, 7), type.Type, _json)!);
        e.Sequence = sequence;
        e.Id = id;
        e.StreamId = streamId;
        e.Version = version;
        e.Timestamp = timestamp;
        e.TenantId = tenantId;
        return e;
    }

    /// <summary>
    /// A row's JSON as one span, deserialised in one go: Marten's own <c>FromJson</c> reads a stream, and System.Text.Json's
    /// resumable stream path cost a fifth of the rebuild's CPU in the profile (docs/performance.md).
    /// </summary>
    private ReadOnlySpan<byte> Json(NpgsqlDataReader reader, int column)
    {
        using var stream = reader.GetStream(column);
        var length = 0;
        int read;
        while ((read = stream.Read(_row, length, _row.Length - length)) > 0)
            if ((length += read) == _row.Length) Array.Resize(ref _row, _row.Length * 2);
        // jsonb's binary form is its format's version (1), then the JSON text.
        if (length == 0 || _row[0] != JsonbVersion) throw new InvalidDataException($"A jsonb value of an unknown format (version {(length == 0 ? "none" : _row[0])}).");
        return _row.AsSpan(1, length - 1);
    }

    /// <summary>The options Marten's serializer reads events with (it hands them out only to be configured; nothing is changed).</summary>
    private static JsonSerializerOptions MartensOptions(DocumentStore store)
    {
        if (store.Options.Serializer() is not Marten.Services.SystemTextJsonSerializer serializer)
            throw new InvalidOperationException("The rebuild reads events with System.Text.Json, as the store is configured to.");
        JsonSerializerOptions? options = null;
        serializer.Configure(o => options = o);
        return options!;
    }

    private LoggedType? TypeOf(string dotNetName)
    {
        if (!_types.TryGetValue(dotNetName, out var type))
            _types[dotNetName] = type = dotNetName.Length == 0 || Type.GetType(dotNetName, throwOnError: false) is not { } known
                ? null
                : LoggedType.Of(known, store.Events.EventMappingFor(known));
        return type;
    }
}

/// <summary>An event type of the log, and how its data becomes a <see cref="LoggedEvent{T}"/> named as Marten names it.</summary>
internal sealed record LoggedType(Type Type, Func<object, IEvent> Wrap)
{
    public static LoggedType Of(Type type, Marten.Events.EventMapping mapping)
    {
        var wrap = typeof(LoggedType).GetMethod(nameof(WrapAs), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type);
        var (name, dotNetName) = (mapping.EventTypeName, mapping.DotNetTypeName);
        var create = (Func<object, string, string, IEvent>)wrap.CreateDelegate(typeof(Func<object, string, string, IEvent>));
        return new LoggedType(type, data => create(data, name, dotNetName));
    }

    private static IEvent WrapAs<T>(object data, string name, string dotNetName) where T : notnull =>
        new LoggedEvent<T>((T)data) { EventTypeName = name, DotNetTypeName = dotNetName };
}

using System.Buffers;
using System.Text.Json;
using Marten;
using RecoveryLedger.Api.Hosting;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RecoveryLedger.Api.Journeys.Timeline;

/// <summary>
/// The timeline read model: one row per entry or system event, with the columns the keyset query needs (client,
/// occurredAt, recordedAt, item id, kind) and the item as the API answers it, JSON text that a read copies into the
/// response untouched. A plain table rather than a Marten document (docs/design.md, "The timeline's table"): no
/// document wrapper repeating the columns, no per-write metadata, <c>json</c> (kept as written) rather than
/// <c>jsonb</c> (parsed on every write, rebuilt into text on every read) — the store never looks inside an item
/// beyond a few fields of the rows a supporter's or a trend's read has already narrowed down.
/// The primary key <c>(tenant_id, client_id, item_id)</c> is the sync's idempotency lookup, and it rejects a
/// duplicate entry that slipped past it: the last line of defence of idempotency.
/// </summary>
public static class TimelineTable
{
    public const string Name = "timeline_item";
    public const string Table = PersistenceSetup.Schema + "." + Name;
    public const string Columns = "tenant_id, client_id, item_id, kind, occurred_at, recorded_at, item";

    public static StoreOptions ConfigureTimeline(this StoreOptions opts, int rebuildPageSize)
    {
        opts.Storage.ExtendedSchemaObjects.Add(Definition());
        opts.Projections.Add<TimelineProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline, o => o.BatchSize = rebuildPageSize);
        return opts;
    }

    /// <summary>Exactly the two indexes the queries use: each is paid on every appended entry and every rebuilt row.</summary>
    private static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PersistenceSetup.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "varchar").NotNull().AsPrimaryKey();
        table.AddColumn("client_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("item_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("kind", "varchar").NotNull();
        table.AddColumn("occurred_at", "timestamptz").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("item", "json").NotNull();
        table.PrimaryKeyName = "pk_timeline_item";
        // The page: one range scan in keyset order, no sort.
        table.Indexes.Add(new IndexDefinition("timeline_item_page")
        {
            Columns = ["tenant_id", "client_id", "occurred_at DESC", "recorded_at DESC", "item_id DESC"],
        });
        return table;
    }
}

/// <summary>
/// A row of the timeline as the projection inserts it and the one-pass rebuild copies it: the one mapping
/// (<see cref="TimelineProjection.RowFor"/>) and the one item JSON (<see cref="TimelineItemWriter"/>) for both.
/// </summary>
public sealed record TimelineRow(Guid ClientId, Guid ItemId, string Kind, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    string RecordedBy, object Fields)
{
    [ThreadStatic] private static TimelineItemWriter? _writer;

    /// <summary>The item JSON as text (the projection's path: a row at a time).</summary>
    public string ItemJson() => System.Text.Encoding.UTF8.GetString((_writer ??= new TimelineItemWriter()).Write(this).Span);
}

/// <summary>
/// Writes a row's item as the API answers it: <c>id, kind, occurredAt, recordedAt, recordedBy</c>, then the kind's own
/// fields (nulls left out). The fields are serialised as their own object and spliced in after the common members, so a
/// kind's fields need no type of their own. Reuses its buffers: one writer per thread.
/// </summary>
public sealed class TimelineItemWriter
{
    private readonly ArrayBufferWriter<byte> _item = new(1024);
    private readonly ArrayBufferWriter<byte> _fields = new(1024);
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    /// <summary>The item's UTF-8 JSON, valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(TimelineRow row)
    {
        _fields.ResetWrittenCount();
        _json.Reset(_fields);
        JsonSerializer.Serialize(_json, row.Fields, TimelineProjection.FieldsJson);
        _json.Flush();
        _item.ResetWrittenCount();
        _json.Reset(_item);
        _json.WriteStartObject();
        _json.WriteString("id", row.ItemId);
        _json.WriteString("kind", row.Kind);
        _json.WriteString("occurredAt", row.OccurredAt);
        _json.WriteString("recordedAt", row.RecordedAt);
        _json.WriteString("recordedBy", row.RecordedBy);
        _json.Flush();
        // The fields' members follow: their object's opening brace is left out (a comma instead, unless it is
        // empty), and its closing brace closes the item.
        var fields = _fields.WrittenSpan;
        if (fields.Length > 2) _item.Write(","u8);
        _item.Write(fields[1..]);
        return _item.WrittenMemory;
    }
}

/// <summary>The few reads that look inside items: a kind's items of one client, narrowed by the page index first.</summary>
public static class TimelineItems
{
    /// <summary>
    /// The client's items of <paramref name="kind"/> recorded by <paramref name="recordedBy"/> that occurred in
    /// (<paramref name="after"/>, <paramref name="upTo"/>], in timeline order, newest first or oldest first, each as its JSON.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> OfKindAsync(IQuerySession session, Guid clientId, string kind,
        DateTimeOffset recordedBy, DateTimeOffset? after, DateTimeOffset? upTo, bool newestFirst, CancellationToken cancellation)
    {
        var order = newestFirst ? "desc" : "asc";
        await using var command = new Npgsql.NpgsqlCommand(
            $"select d.item::text from {TimelineTable.Table} as d where d.tenant_id = $1 and d.client_id = $2 and d.kind = $3 " +
            "and d.recorded_at <= $4 and ($5::timestamptz is null or d.occurred_at > $5) and ($6::timestamptz is null or d.occurred_at <= $6) " +
            $"order by d.occurred_at {order}, d.recorded_at {order}, d.item_id {order}");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = clientId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = kind });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordedBy.ToUniversalTime() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)after?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)upTo?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var items = new List<JsonElement>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            using var item = JsonDocument.Parse(reader.GetString(0));
            items.Add(item.RootElement.Clone());
        }
        return items;
    }
}

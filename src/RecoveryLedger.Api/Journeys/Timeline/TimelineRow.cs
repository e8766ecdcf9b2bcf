using System.Buffers;
using System.Text.Json;

namespace RecoveryLedger.Api.Journeys.Timeline;

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

using System.Text.Json;

namespace RecoveryLedger.Api.Journeys.Timeline;

/// <summary>
/// One row of a client's timeline: an entry or a system event, with the columns the keyset query
/// needs (client, occurredAt, recordedAt, item id, kind) and the kind's fields as JSON for display.
/// The document id is derived from (client, item id), so storing an entry twice collides in the
/// primary key: the last line of defence of idempotency.
/// </summary>
public sealed class TimelineItem
{
    public Guid Id { get; set; }
    public Guid ClientId { get; set; }
    /// <summary>The id shown to callers: the app-made entry id, or the event id for system events.</summary>
    public Guid ItemId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public JsonElement Fields { get; set; }

    public static Guid DocumentId(Guid clientId, Guid itemId) => DeterministicGuid.From("timeline", clientId.ToString(), itemId.ToString());
}

/// <summary>
/// A timeline row with its fields not yet JSON: the projection inserts it as a <see cref="TimelineItem"/>; the one-pass
/// rebuild writes the same document straight into its COPY (<see cref="WriteDocument"/>), without the round trip
/// through a <see cref="JsonElement"/> and Marten's serializer.
/// </summary>
public sealed record TimelineRow(Guid Id, Guid ClientId, Guid ItemId, string Kind, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    string RecordedBy, object Fields)
{
    public TimelineItem ToItem() => new()
    {
        Id = Id, ClientId = ClientId, ItemId = ItemId, Kind = Kind, OccurredAt = OccurredAt, RecordedAt = RecordedAt,
        RecordedBy = RecordedBy, Fields = JsonSerializer.SerializeToElement(Fields, TimelineProjection.FieldsJson),
    };

    /// <summary>The document as Marten stores a <see cref="TimelineItem"/> (its property names; jsonb keeps no key order).</summary>
    public void WriteDocument(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(nameof(TimelineItem.Id), Id);
        writer.WriteString(nameof(TimelineItem.ClientId), ClientId);
        writer.WriteString(nameof(TimelineItem.ItemId), ItemId);
        writer.WriteString(nameof(TimelineItem.Kind), Kind);
        writer.WriteString(nameof(TimelineItem.OccurredAt), OccurredAt);
        writer.WriteString(nameof(TimelineItem.RecordedAt), RecordedAt);
        writer.WriteString(nameof(TimelineItem.RecordedBy), RecordedBy);
        writer.WritePropertyName(nameof(TimelineItem.Fields));
        JsonSerializer.Serialize(writer, Fields, TimelineProjection.FieldsJson);
        writer.WriteEndObject();
    }
}


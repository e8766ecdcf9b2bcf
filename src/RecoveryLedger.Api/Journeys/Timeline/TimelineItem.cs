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

using System.Security.Cryptography;
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

    public static Guid DocumentId(Guid clientId, Guid itemId)
    {
        Span<byte> input = stackalloc byte[32];
        clientId.TryWriteBytes(input[..16]);
        itemId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom, name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16]);
    }
}

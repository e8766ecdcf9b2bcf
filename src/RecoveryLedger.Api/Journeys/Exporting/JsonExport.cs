using System.Text.Json;
using Marten;
using Marten.Linq;
using RecoveryLedger.Api.Alerts;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>
/// <c>recoveryledger-export/1</c>, written while it is read: events come from PostgreSQL one row at a time
/// (Marten's async enumeration of the stream) and leave as JSON in small flushed chunks, so a journey of any
/// length is exported in constant memory. Each event keeps every field as recorded, its type in the
/// catalogue's kebab-case (docs/events.md).
/// </summary>
public sealed class JsonExport(IQuerySession session, Guid clientId, DateTimeOffset exportedAt) : IResult
{
    public const string Format = "recoveryledger-export/1";
    private const int EventsPerFlush = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteAsync(HttpContext http)
    {
        var cancellation = http.RequestAborted;
        http.Response.ContentType = "application/json";
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("clientId", clientId);
        json.WriteString("exportedAt", exportedAt);
        json.WriteStartArray("events");
        var written = 0;
        await foreach (var e in session.Events.QueryAllRawEvents().Where(e => e.StreamId == clientId).OrderBy(e => e.Version)
                           .ToAsyncEnumerable(cancellation))
        {
            WriteEvent(json, e);
            if (++written % EventsPerFlush == 0)
            {
                await json.FlushAsync(cancellation);
                await body.FlushAsync(cancellation);
            }
        }
        json.WriteEndArray();
        json.WriteStartArray("alerts");
        var alerts = await session.Query<Alert>().Where(a => a.ClientId == clientId).OrderBy(a => a.RaisedAt).ToListAsync(cancellation);
        foreach (var alert in alerts) JsonSerializer.Serialize(json, AlertView.Of(alert), Json);
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellation);
    }

    private static void WriteEvent(Utf8JsonWriter json, JasperFx.Events.IEvent e)
    {
        var journeyEvent = e.Data as IJourneyEvent;
        json.WriteStartObject();
        json.WriteString("type", KebabName(e.EventTypeName));
        json.WriteString("occurredAt", journeyEvent?.OccurredAt ?? e.Timestamp);
        json.WriteString("recordedAt", journeyEvent?.RecordedAt ?? e.Timestamp);
        json.WritePropertyName("data");
        JsonSerializer.Serialize(json, e.Data, e.EventType, Json);
        json.WriteEndObject();
    }

    /// <summary>Marten names an event type in snake case (<c>lapse_recorded</c>); the catalogue in kebab case.</summary>
    public static string KebabName(string eventTypeName) => eventTypeName.Replace('_', '-');
}

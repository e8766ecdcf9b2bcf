using System.Text.Json;
using Hl7.Fhir.Serialization;
using Marten;
using RecoveryLedger.Api.Alerts;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>
/// <c>?format=fhir</c>: the record as a FHIR R4 Bundle (<see cref="FhirMapping"/>). Unlike the JSON export, which
/// streams, the Bundle is built in memory from the whole stream before a byte is written: the SDK's serializer
/// writes one resource tree. The current plan is the stream's latest <see cref="RecoveryPlanChanged"/> (the
/// Journey document keeps only its version); the alerts are the client's <see cref="Alert"/> documents.
/// </summary>
public static class FhirExport
{
    public const string ContentType = "application/fhir+json";

    public static async Task<IResult> Of(IQuerySession session, Guid clientId, DateTimeOffset exportedAt, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchStreamAsync(clientId, token: cancellation);
        var alerts = await session.Query<Alert>()
            .Where(a => a.ClientId == clientId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .OrderBy(a => a.RaisedAt).ToListAsync(cancellation);
        var record = new FhirRecord(clientId, [.. stream.Select(e => e.Data)], [.. alerts]);
        return new FhirJson(FhirMapping.BundleOf(record, Guid.NewGuid(), exportedAt));
    }

    /// <summary>A resource as <c>application/fhir+json</c>, by the SDK's own System.Text.Json serializer.</summary>
    private sealed class FhirJson(Hl7.Fhir.Model.Resource resource) : IResult
    {
        private static readonly FhirJsonSerializer Serializer = new();

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = ContentType;
            await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
            Serializer.Serialize(resource, json, null);
            await json.FlushAsync(http.RequestAborted);
        }
    }
}

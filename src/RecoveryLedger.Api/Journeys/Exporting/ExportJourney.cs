using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>
/// The client's copy of its record (GDPR Art. 15/20): the client itself, or an admin of its clinic on the
/// client's documented request — the one clinical read an admin may make, logged as <c>export.read</c>
/// before a byte of it is written.
/// </summary>
public static class ExportJourneyEndpoint
{
    public static (ExportQuery?, IResult) Load(HttpRequest request) =>
        ExportQuery.Parse(request.Query).Loaded();

    public static Task<IResult> ValidateAsync(Guid clientId, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        Reach.GuardAsync(session, caller, clientId, Purpose.Export, cancellation);

    [WolverineGet("/api/clients/{clientId}/export", Name = "ExportJourney"), Authorize(Roles = Allow.ClientOrAdmin)]
    [EndpointSummary("The client's whole record: every event as recorded (JSON) or a FHIR R4 Bundle"), Tags("Journey")]
    [QueryField(typeof(ExportQuery), nameof(ExportQuery.FormatField))]
    [ProducesResponseType<ExportDocument>(StatusCodes.Status200OK, "application/json")]
    [ResponseMedia(StatusCodes.Status200OK, FhirExport.ContentType, "Bundle",
        "?format=fhir: a FHIR R4 Bundle of type collection (Patient, Observations, Encounters, CarePlan, Flags); mapping in docs/fhir.md")]
    public static async Task<IResult> Get(Guid clientId, [NotBody] ExportQuery query, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Export, now, cancellation);
        return query.Format == ExportQuery.Fhir
            ? await FhirExport.Of(session, clientId, now, cancellation)
            : new JsonExport(session, clientId, now);
    }
}

/// <summary>The shape of <c>recoveryledger-export/1</c>, for the OpenAPI document (the export itself is written as it is read).</summary>
public sealed record ExportDocument(string Format, Guid ClientId, DateTimeOffset ExportedAt, IReadOnlyList<ExportedEvent> Events,
    IReadOnlyList<Alerts.AlertView> Alerts);

/// <summary>One event: its catalogue type (kebab case), when it happened, when it was stored, and every field as recorded.</summary>
public sealed record ExportedEvent(string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, System.Text.Json.JsonElement Data);

using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Raising;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys.Timeline;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Journeys.Erasing;

/// <summary>The body of <c>POST /api/clients/{id}/erasure</c>.</summary>
public sealed record EraseClient(bool RetentionReviewed) : IStrictBody<EraseClient>
{
    private static readonly BoolField Reviewed = new("retentionReviewed", true,
        "Must be true: the clinic has confirmed that no retention duty or legal hold applies (GDPR Art. 17(3)).");
    private static readonly TextField Note = new("note", false, 1, 2000,
        "Optional, for the caller's own records: checked, never stored — an erased client keeps no free text here.");

    public static BodyShape Shape { get; } = new("Erase a client on its request.", [Reviewed, Note],
        _ => new() { ["retentionReviewed"] = true });

    public static (EraseClient? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var reviewed = f.Bool(Reviewed);
        f.Text(Note);
        if (reviewed == false) errors.Add(Reviewed.Name, "Must be true: erase only once the clinic has confirmed that no retention duty or legal hold applies.");
        return errors.Any || reviewed is null ? (null, errors) : (new EraseClient(true), errors);
    }
}

/// <summary>
/// Erasure on an immutable log (docs/security.md, "Erasure"): in one transaction, under the journey's lock, the
/// journey records <see cref="ClientErased"/> (its read models drop the client), every event of the journey and of
/// its alerts is rewritten without personal content, the stream is archived (no rebuild or async work replays it),
/// the client's analytics and pipeline documents are deleted, and the access log gets its <c>erasure</c> record.
/// </summary>
public static class EraseClientEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.Erase, now);

    [WolverinePost("/api/clients/{clientId}/erasure", Name = "EraseClient"), Authorize(Roles = Allow.Admin)]
    [EndpointSummary("Erase a client: its personal content and read models, keeping the bare fact and the access log"), Tags("Journey")]
    [JsonBody(typeof(EraseClient)), ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(EraseClient command,
        [WriteAggregate("clientId", Required = false, LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive)] IEventStream<Journey> journey,
        Caller caller, IDocumentSession session, Pseudonyms pseudonyms, DateTimeOffset now, CancellationToken cancellation)
    {
        var clientId = journey.Id;
        // Archived (Marten's own event): the journey's snapshot projection archives the stream in this transaction,
        // so no rebuild, projection or subscription replays the erased journey.
        journey.AppendMany(new ClientErased(clientId, now, now, caller.Recorder), new Archived("erased"));
        await MaskStream(session, clientId, cancellation);
        var alerts = await session.Query<Alert>().Where(a => a.ClientId == clientId).ToListAsync(cancellation);
        // An active alert can still gain a clinician's note: lock it first (as its steps do), so a step racing the
        // erasure either commits before it — and its note is masked here — or finds the client gone (404).
        foreach (var active in alerts.Where(a => a.IsActive).OrderBy(a => a.Id))
            await session.Events.FetchForExclusiveWriting<Alert>(active.Id, cancellation);
        foreach (var alert in alerts)
            await MaskStream(session, alert.Id, cancellation);
        session.Delete<ClientAnalytics>(pseudonyms.Of(session.TenantId, clientId));
        session.DeleteWhere<JudgedFacts>(f => f.ClientId == clientId);
        session.Delete<JudgedThrough>(clientId);
        AccessLog.RecordErasure(session, caller, clientId, now);
        return TypedResults.NoContent();
    }

    private static async Task MaskStream(IDocumentSession session, Guid streamId, CancellationToken cancellation)
    {
        foreach (var e in await session.Events.FetchStreamAsync(streamId, token: cancellation))
            if (PersonalContent.Mask(e)) session.Events.OverwriteEvent(e);
    }
}

using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Alerts.Listing;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Alerts.Acknowledging;

/// <summary>
/// A clinician's step on an alert of a care-team client: acknowledge (from open) or resolve (from
/// open or acknowledged). The alert stream is locked for the step, so a step racing a re-trigger or
/// another clinician's step is applied in order; a step the status does not allow is a 409.
/// </summary>
public static class AlertStep
{
    public const int MaxNote = 2000;

    internal static async Task<IResult> Take(Guid alertId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, Func<Alert, Recorder, string?, DateTimeOffset, object?> decide, string refusal)
    {
        var cancellation = request.HttpContext.RequestAborted;
        var (note, problem) = await ReadNote(request);
        if (problem is not null) return problem;

        var caller = Caller.From(user);
        var alert = await session.LoadAsync<Alert>(alertId, cancellation);
        if (alert is null || !await Reach.Check(session, caller, alert.ClientId, Purpose.ReadClinical, cancellation))
            return Problems.NotFound();

        var stream = await session.Events.FetchForExclusiveWriting<Alert>(alertId, cancellation);
        var step = decide(stream.Aggregate!, new Recorder(caller.Role, caller.Id), note, clock.Now());
        if (step is null) return Problems.Conflict(string.Format(refusal, stream.Aggregate!.Status));

        stream.AppendOne(step);
        await session.SaveChangesAsync(cancellation);
        var after = await session.LoadAsync<Alert>(alertId, cancellation);
        return TypedResults.Ok(AlertView.Of(after!));
    }

    /// <summary>The optional <c>{ "note": … }</c> body; an empty body means no note.</summary>
    private static async Task<(string? Note, IResult? Problem)> ReadNote(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContentType.Any())) return (null, null);
        var (document, problem) = await JsonBody.ReadObject(request);
        if (problem is not null) return (null, problem);
        using var _ = document;
        var errors = new ValidationErrors();
        var note = new JsonFields(document!.RootElement, "", errors).Text("note", required: false, 0, MaxNote);
        return errors.Any ? (null, Problems.Validation(errors.ToDictionary())) : (note, null);
    }
}

public static class AcknowledgeAlertEndpoint
{
    [WolverinePost("/api/alerts/{alertId}/acknowledge", Name = "AcknowledgeAlert"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Acknowledge an open alert"), Tags("Alerts"), JsonBody(typeof(AlertNoteBody))]
    [ProducesResponseType<AlertView>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Post(Guid alertId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock) =>
        AlertStep.Take(alertId, request, user, session, clock, AlertLifecycle.Acknowledge, "Only an open alert can be acknowledged; this one is {0}.");
}

public static class ResolveAlertEndpoint
{
    [WolverinePost("/api/alerts/{alertId}/resolve", Name = "ResolveAlert"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Resolve an open or acknowledged alert"), Tags("Alerts"), JsonBody(typeof(AlertNoteBody))]
    [ProducesResponseType<AlertView>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Post(Guid alertId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock) =>
        AlertStep.Take(alertId, request, user, session, clock, AlertLifecycle.Resolve, "This alert is {0}: it cannot be resolved again.");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Alerts.Acknowledging;

/// <summary>The optional <c>{ "note": … }</c> body of a step; an empty body means no note.</summary>
public sealed record AlertNote(string? Note) : IStrictBody<AlertNote>
{
    private static readonly TextField StepNote = new("note", false, 0, 2000, "Personal content: never logged or traced.");

    public static AlertNote? WhenAbsent => new(Note: null);

    public static BodyShape Shape { get; } = new("Optional: an empty body means no note.", [StepNote],
        _ => new() { ["note"] = "Called the client; safety plan reviewed." });

    public static (AlertNote? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var note = new JsonFields(body, "", errors).Text(StepNote);
        return (errors.Any ? null : new AlertNote(note), errors);
    }
}

/// <summary>
/// A clinician's step on an alert of a care-team client: acknowledge (from open) or resolve (from
/// open or acknowledged). The alert stream is locked for the step, so a step racing a re-trigger or
/// another clinician's step is applied in order; a step the status does not allow is a 409.
/// </summary>
public static class AlertStep
{
    /// <summary>The alert's client must be on the caller's care team; otherwise, as for a missing alert, 404.</summary>
    public static async Task<IResult> Guard(Alert? alert, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        alert is not null && await Reach.Check(session, caller, alert.ClientId, Purpose.ReadClinical, cancellation)
            ? WolverineContinue.Result()
            : Problems.NotFound();

    /// <summary>The answer is the alert as the step leaves it; a refused step changes nothing.</summary>
    public static (IResult, Events) Outcome(Alert alert, object? step, string refusal) =>
        step is null
            ? (Problems.Conflict(string.Format(refusal, alert.Status)), [])
            : (TypedResults.Ok(AlertView.Of(alert.After(step))), [step]);
}

public static class AcknowledgeAlertEndpoint
{
    public static Task<IResult> ValidateAsync(Alert? alert, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        AlertStep.Guard(alert, caller, session, cancellation);

    [WolverinePost("/api/alerts/{alertId}/acknowledge", Name = "AcknowledgeAlert"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Acknowledge an open alert"), Tags("Alerts"), JsonBody(typeof(AlertNote))]
    [ProducesResponseType<AlertView>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static (IResult, Events) Post(AlertNote body,
        [WriteAggregate("alertId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Alert alert, Caller caller, DateTimeOffset now) =>
        AlertStep.Outcome(alert, AlertLifecycle.Acknowledge(alert, caller.Recorder, body.Note, now),
            "Only an open alert can be acknowledged; this one is {0}.");
}

public static class ResolveAlertEndpoint
{
    public static Task<IResult> ValidateAsync(Alert? alert, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        AlertStep.Guard(alert, caller, session, cancellation);

    [WolverinePost("/api/alerts/{alertId}/resolve", Name = "ResolveAlert"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Resolve an open or acknowledged alert"), Tags("Alerts"), JsonBody(typeof(AlertNote))]
    [ProducesResponseType<AlertView>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static (IResult, Events) Post(AlertNote body,
        [WriteAggregate("alertId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Alert alert, Caller caller, DateTimeOffset now) =>
        AlertStep.Outcome(alert, AlertLifecycle.Resolve(alert, caller.Recorder, body.Note, now),
            "This alert is {0}: it cannot be resolved again.");
}

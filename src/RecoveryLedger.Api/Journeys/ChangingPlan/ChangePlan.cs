using System.Text.Json;
using System.Text.Json.Nodes;
using Wolverine.Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.ChangingPlan;

/// <summary>The body of <c>PUT /api/clients/{id}/plan</c>: the three circles, all required.</summary>
public sealed record ChangePlan(IReadOnlyList<string> Inner, IReadOnlyList<string> Middle, IReadOnlyList<string> Outer)
    : IStrictBody<ChangePlan>
{
    private const int MaxItems = 50;
    private const int MaxLength = 200;
    private static readonly TextsField InnerCircle = new("inner", true, MaxItems, MaxLength, "Acting out: a lapse here resets the streak.");
    private static readonly TextsField MiddleCircle = new("middle", true, MaxItems, MaxLength, "Warning signs: a slip here is counted, no reset.");
    private static readonly TextsField OuterCircle = new("outer", true, MaxItems, MaxLength, "Healthy behaviours.");

    public static BodyShape Shape { get; } = new("The three circles, all required; each replaces the last.",
        [InnerCircle, MiddleCircle, OuterCircle],
        _ => new() { ["inner"] = new JsonArray("acting out online"), ["middle"] = new JsonArray("isolating", "late nights alone"),
                     ["outer"] = new JsonArray("calling my sponsor", "running") });

    public static (ChangePlan? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var inner = f.Texts(InnerCircle);
        var middle = f.Texts(MiddleCircle);
        var outer = f.Texts(OuterCircle);
        return errors.Any || inner is null || middle is null || outer is null
            ? (null, errors) : (new ChangePlan(inner, middle, outer), errors);
    }

    /// <summary>
    /// <c>If-Match: "N"</c> must name the current plan version (a lost update otherwise); without it the
    /// last write wins. The new plan is the next version, 1 for the first.
    /// </summary>
    public RecoveryPlanChanged? Decide(Journey journey, string? ifMatch, Caller caller, DateTimeOffset now) =>
        ifMatch is not null && !PlanETag.Matches(ifMatch, journey.PlanVersion)
            ? null
            : new RecoveryPlanChanged(journey.PlanVersion + 1, Inner, Middle, Outer, now, now, caller.Recorder);
}

/// <summary>The plan's ETag is its version as a quoted integer.</summary>
public static class PlanETag
{
    public static string Of(int version) => $"\"{version}\"";

    public static bool Matches(string ifMatch, int currentVersion) =>
        ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" ? currentVersion > 0 : tag.TrimStart('W', '/') == Of(currentVersion));
}

public sealed record PlanVersion(int Version);

/// <summary>
/// The exemplary slice (docs/design.md, "How a slice is written"): the strict parser makes the typed
/// command, Wolverine loads and locks the journey, the guard answers 404 out of reach, the pure decision
/// returns the event, and Wolverine appends and commits it.
/// </summary>
public static class ChangePlanEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ChangePlan, now);

    [WolverinePut("/api/clients/{clientId}/plan", Name = "ChangePlan"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("Define or change the recovery plan (three circles)"), Tags("Plan"), JsonBody(typeof(ChangePlan))]
    [HeaderParameter("If-Match", "\"N\": the plan version this change is based on; another current version is a 409 (lost update)")]
    [ProducesResponseType<PlanVersion>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static (IResult, Events) Put(ChangePlan command,
        // Exclusive: a racing PUT waits here, then sees the version the winner wrote and gets its 409.
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey,
        [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, DateTimeOffset now, HttpResponse response)
    {
        if (command.Decide(journey, ifMatch, caller, now) is not { } changed)
            return (Problems.Conflict($"The plan is at version {journey.PlanVersion}; If-Match names another."), []);
        response.Headers.ETag = PlanETag.Of(changed.Version);
        return (TypedResults.Ok(new PlanVersion(changed.Version)), [changed]);
    }
}

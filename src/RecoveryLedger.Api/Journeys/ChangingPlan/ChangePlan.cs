using System.Security.Claims;
using System.Text.Json;
using Marten;
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
{
    public const int MaxItems = 50;
    public const int MaxLength = 200;

    public static (ChangePlan? Command, ValidationErrors Errors) Parse(JsonElement body)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var inner = f.Texts("inner", required: true, MaxItems, MaxLength);
        var middle = f.Texts("middle", required: true, MaxItems, MaxLength);
        var outer = f.Texts("outer", required: true, MaxItems, MaxLength);
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
            : new RecoveryPlanChanged(journey.PlanVersion + 1, Inner, Middle, Outer, now, now, new Recorder(caller.Role, caller.Id));
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

public static class ChangePlanEndpoint
{
    [WolverinePut("/api/clients/{clientId}/plan", Name = "ChangePlan"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("Define or change the recovery plan (three circles)"), Tags("Plan"), JsonBody(typeof(PlanBody))]
    [HeaderParameter("If-Match", "\"N\": the plan version this change is based on; another current version is a 409 (lost update)")]
    [ProducesResponseType<PlanVersion>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(Guid clientId, HttpRequest request, HttpResponse response, ClaimsPrincipal user,
        IDocumentSession session, TimeProvider clock)
    {
        var cancellation = request.HttpContext.RequestAborted;
        var (document, problem) = await JsonBody.ReadObject(request);
        if (problem is not null) return problem;
        using var _ = document;
        var (command, errors) = ChangePlan.Parse(document!.RootElement);
        if (command is null) return Problems.Validation(errors.ToDictionary());

        var caller = Caller.From(user);
        // Exclusive: a racing PUT waits here, then sees the version the winner wrote and gets its 409.
        var stream = await session.Events.FetchForExclusiveWriting<Journey>(clientId, cancellation);
        if (stream.Aggregate is null || !Reach.Allows(caller, stream.Aggregate, Purpose.ChangePlan)) return Problems.NotFound();

        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        var changed = command.Decide(stream.Aggregate, ifMatch, caller, clock.Now());
        if (changed is null)
            return Problems.Conflict($"The plan is at version {stream.Aggregate.PlanVersion}; If-Match names another.");

        stream.AppendOne(changed);
        await session.SaveChangesAsync(cancellation);
        response.Headers.ETag = PlanETag.Of(changed.Version);
        return TypedResults.Ok(new PlanVersion(changed.Version));
    }
}

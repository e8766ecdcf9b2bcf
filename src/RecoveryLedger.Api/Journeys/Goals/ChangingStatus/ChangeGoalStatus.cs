using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Journeys.Goals.ChangingStatus;

/// <summary>The body of <c>POST …/goals/{goalId}/status</c>.</summary>
public sealed record ChangeGoalStatus(string Status) : IStrictBody<ChangeGoalStatus>
{
    private static readonly WordField StatusField = new("status", true, Vocabulary.GoalStatuses, "active reopens an achieved or dropped goal.");

    public static BodyShape Shape { get; } = new("The goal's new status.", [StatusField], _ => new() { ["status"] = "achieved" });

    public static (ChangeGoalStatus? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var status = new JsonFields(body, "", errors).Word(StatusField);
        return errors.Any || status is null ? (null, errors) : (new ChangeGoalStatus(status), errors);
    }

    /// <summary>Any status from any other; the status the goal already has records nothing (a retry is harmless).</summary>
    public GoalStatusChanged? Decide(TreatmentGoal goal, Caller caller, DateTimeOffset now) =>
        goal.Status == Status ? null : new GoalStatusChanged(goal.GoalId, Status, now, now, caller.Recorder);
}

public static class ChangeGoalStatusEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageGoals, now);

    [WolverinePost(GoalStep.Route + "/status", Name = "ChangeGoalStatus"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Mark a treatment goal achieved or dropped, or reopen it (active)"), Tags("Goals"), JsonBody(typeof(ChangeGoalStatus))]
    [ProducesResponseType<TreatmentGoal>(StatusCodes.Status200OK)]
    public static async Task<(IResult, Events)> Post(ChangeGoalStatus command, Guid goalId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey,
        Caller caller, DateTimeOffset now, IDocumentSession session, CancellationToken cancellation)
    {
        if (await GoalStep.Current(session, journey.Id, goalId, cancellation) is not { } goal) return (Problems.NotFound(), []);
        var changed = command.Decide(goal, caller, now);
        return (TypedResults.Ok(changed is null ? goal : TreatmentGoal.After(goal, changed)), changed is null ? [] : [changed]);
    }
}

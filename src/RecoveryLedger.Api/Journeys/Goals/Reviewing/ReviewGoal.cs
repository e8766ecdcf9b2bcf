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

namespace RecoveryLedger.Api.Journeys.Goals.Reviewing;

/// <summary>The body of <c>POST …/goals/{goalId}/reviews</c>.</summary>
public sealed record ReviewGoal(int Progress, string? Note) : IStrictBody<ReviewGoal>
{
    private static readonly IntField ProgressField = new("progress", true, 0, 10, "Progress towards the goal, 0 (none) to 10 (reached).");
    private static readonly TextField NoteField = new("note", false, 0, 2000, "Personal content: never logged or traced.");

    public static BodyShape Shape { get; } = new("A review of an active goal.", [ProgressField, NoteField],
        _ => new() { ["progress"] = 6, ["note"] = "Noticed the urge twice this week and called a friend instead." });

    public static (ReviewGoal? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var progress = f.Int(ProgressField);
        var note = f.Text(NoteField);
        return errors.Any || progress is null ? (null, errors) : (new ReviewGoal(progress.Value, note), errors);
    }

    /// <summary>Only an active goal is reviewed; null: it is achieved or dropped (409).</summary>
    public GoalReviewed? Decide(TreatmentGoal goal, Caller caller, DateTimeOffset now) =>
        goal.Status == Vocabulary.GoalStatus.Active ? new GoalReviewed(goal.GoalId, Progress, Note, now, now, caller.Recorder) : null;
}

public static class ReviewGoalEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageGoals, now);

    [WolverinePost(GoalStep.Route + "/reviews", Name = "ReviewGoal"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Review an active treatment goal"), Tags("Goals"), JsonBody(typeof(ReviewGoal))]
    [ProducesResponseType<GoalReview>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<(IResult, Events)> Post(ReviewGoal command, Guid goalId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey,
        Caller caller, DateTimeOffset now, IDocumentSession session, CancellationToken cancellation)
    {
        if (await GoalStep.Current(session, journey.Id, goalId, cancellation) is not { } goal) return (Problems.NotFound(), []);
        if (command.Decide(goal, caller, now) is not { } reviewed)
            return (Problems.Conflict($"This goal is {goal.Status}: only an active goal is reviewed (set its status to active to reopen it)."), []);
        return (TypedResults.Created((string?)null, TreatmentGoal.After(goal, reviewed)!.Reviews[^1]), [reviewed]);
    }
}

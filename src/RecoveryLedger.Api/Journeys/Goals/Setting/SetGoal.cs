using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Journeys.Goals.Setting;

/// <summary>The body of <c>PUT /api/clients/{clientId}/goals/{goalId}</c>: the goal as it should read.</summary>
public sealed record SetGoal(string Area, string Statement, DateOnly? TargetDate) : IStrictBody<SetGoal>
{
    private static readonly WordField AreaField = new("area", true, Vocabulary.GoalAreas);
    private static readonly TextField StatementField = new("statement", true, 1, 300, "Personal content: never logged or traced.");
    private static readonly DateField TargetDateField = new("targetDate", false, "The date the goal is meant to be reached by (YYYY-MM-DD).");

    public static BodyShape Shape { get; } = new(
        "The goal as it should read; the first PUT of a goal id sets it (201), later ones reword it (200) and keep its status.",
        [AreaField, StatementField, TargetDateField],
        now => new()
        {
            ["area"] = "emotion-regulation", ["statement"] = "Name the feeling before acting on an urge.",
            ["targetDate"] = DateOnly.FromDateTime(now.UtcDateTime.AddDays(90)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

    public static (SetGoal? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var area = f.Word(AreaField);
        var statement = f.Text(StatementField);
        var targetDate = f.Date(TargetDateField);
        return errors.Any || area is null || statement is null ? (null, errors) : (new SetGoal(area, statement, targetDate), errors);
    }

    /// <summary>
    /// A new goal, or a rewording of one that exists — whatever its status: a closed goal may be reworded (it stays
    /// closed). Sending the goal as it already reads records nothing: a retried PUT does not add a rewording.
    /// </summary>
    public GoalSet? Decide(TreatmentGoal? current, Guid goalId, Caller caller, DateTimeOffset now) =>
        current is not null && current.Area == Area && current.Statement == Statement && current.TargetDate == TargetDate
            ? null
            : new GoalSet(goalId, Area, Statement, TargetDate, now, now, caller.Recorder);
}

/// <summary>
/// Sets or rewords a treatment goal of a care-team client. The journey is locked (exclusive), so two PUTs of a new
/// goal id give one 201 and one 200, never two goals.
/// </summary>
public static class SetGoalEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageGoals, now);

    [WolverinePut(GoalStep.Route, Name = "SetGoal"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("Set a treatment goal (201), or reword it (200)"), Tags("Goals"), JsonBody(typeof(SetGoal))]
    [ProducesResponseType<TreatmentGoal>(StatusCodes.Status201Created), ProducesResponseType<TreatmentGoal>(StatusCodes.Status200OK)]
    public static async Task<(IResult, Events)> Put(SetGoal command, Guid goalId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey,
        Caller caller, DateTimeOffset now, IDocumentSession session, CancellationToken cancellation)
    {
        var current = await GoalStep.Current(session, journey.Id, goalId, cancellation);
        var set = command.Decide(current, goalId, caller, now);
        var goal = set is null ? current! : TreatmentGoal.After(current, set)!;
        return (current is null ? TypedResults.Created((string?)null, goal) : TypedResults.Ok(goal), set is null ? [] : [set]);
    }
}

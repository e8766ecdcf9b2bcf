using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Identity;
using Wolverine.Http;
using Wolverine.Persistence;

namespace RecoveryLedger.Api.Journeys.Goals.Listing;

public sealed record GoalList(IReadOnlyList<TreatmentGoal> Goals);

public static class GetGoalsEndpoint
{
    public static IResult Validate([Entity("clientId", Required = false)] Journey? journey, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ReadClinical, now);

    [WolverineGet("/api/clients/{clientId}/goals", Name = "GetGoals"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's treatment goals, by when they were set, each with its reviews (oldest first)"), Tags("Goals")]
    [ProducesResponseType<GoalList>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([Entity("clientId", Required = false)] Journey journey, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var goals = await session.LoadAsync<ClientGoals>(journey.Id, cancellation);
        await AccessLog.RecordNow(session, caller, [journey.Id], ReadActions.Goals, now, cancellation);
        return TypedResults.Ok(new GoalList([.. (goals?.Goals ?? []).OrderBy(g => g.SetAt).ThenBy(g => g.GoalId)]));
    }
}

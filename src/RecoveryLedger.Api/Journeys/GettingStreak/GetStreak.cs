using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Persistence;

namespace RecoveryLedger.Api.Journeys.GettingStreak;

public static class GetStreakEndpoint
{
    /// <summary>A bad <c>asOf</c> is a 400 before anything else is asked.</summary>
    public static IResult Before(HttpRequest request) =>
        request.Query.TryGetValue("asOf", out var text) && !string.IsNullOrEmpty(text) && !Instants.TryParse(text.ToString(), out _)
            ? Problems.Validation("asOf", Instants.Expected)
            : WolverineContinue.Result();

    public static IResult Validate([Entity("clientId", Required = false)] Journey? journey, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ReadClinical, now);

    private static DateTimeOffset? AsOf(HttpRequest request) =>
        Instants.TryParse(request.Query["asOf"].ToString(), out var asOf) ? asOf : null;

    [WolverineGet("/api/clients/{clientId}/streak", Name = "GetStreak"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's sobriety streak, optionally as of an instant"), Tags("Journey")]
    [QueryParameter("asOf", typeof(DateTimeOffset), "Answer as of this instant: it is \"now\", and later-recorded entries are left out")]
    [ProducesResponseType<StreakView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([Entity("clientId", Required = false)] Journey journey, Caller caller, HttpRequest request,
        IDocumentSession session, DateTimeOffset now, CancellationToken cancellation)
    {
        await AccessLog.RecordNow(session, caller, [journey.Id], ReadActions.Streak, now, cancellation);
        return TypedResults.Ok(JourneyStreak.Of(journey, AsOf(request) ?? now));
    }
}

using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.GettingStreak;

public static class GetStreakEndpoint
{
    [WolverineGet("/api/clients/{clientId}/streak", Name = "GetStreak"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's sobriety streak, optionally as of an instant"), Tags("Journey")]
    [QueryParameter("asOf", typeof(DateTimeOffset), "Answer as of this instant: it is \"now\", and later-recorded entries are left out")]
    [ProducesResponseType<StreakView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, HttpRequest request, Caller caller, IDocumentSession session,
        TimeProvider clock, CancellationToken cancellation)
    {
        DateTimeOffset? asOf = null;
        if (request.Query.TryGetValue("asOf", out var text) && !string.IsNullOrEmpty(text))
        {
            if (!Instants.TryParse(text.ToString(), out var parsed))
                return Problems.Validation("asOf", Instants.Expected);
            asOf = parsed;
        }
        var journey = await Reach.Load(session, caller, clientId, Purpose.ReadClinical, cancellation);
        if (journey is null) return Problems.NotFound();
        var now = clock.Now();
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Streak, now, cancellation);
        return TypedResults.Ok(JourneyStreak.Of(journey, asOf ?? now));
    }
}

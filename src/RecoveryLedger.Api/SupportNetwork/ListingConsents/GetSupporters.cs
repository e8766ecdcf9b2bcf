using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.SupportNetwork.Granting;
using Wolverine.Http;
using Wolverine.Persistence;

namespace RecoveryLedger.Api.SupportNetwork.ListingConsents;

public sealed record ConsentList(IReadOnlyList<ConsentView> Consents);

/// <summary>The client's consents, current and past, newest grant first: who could see what, and when.</summary>
public static class GetSupportersEndpoint
{
    public static IResult Validate([Entity("clientId", Required = false)] Journey? journey, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ReadClinical, now);

    [WolverineGet("/api/clients/{clientId}/supporters", Name = "GetSupporters"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's consents to supporters, current and past"), Tags("Support network")]
    [ProducesResponseType<ConsentList>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([Entity("clientId", Required = false)] Journey journey, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        await AccessLog.RecordNow(session, caller, [journey.Id], ReadActions.Supporters, now, cancellation);
        return TypedResults.Ok(new ConsentList([.. journey.Consents.OrderByDescending(c => c.GrantedAt).Select(ConsentView.Of)]));
    }
}

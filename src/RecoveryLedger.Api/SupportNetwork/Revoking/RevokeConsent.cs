using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.SupportNetwork.Revoking;

/// <summary>
/// The client takes a consent back: the supporter's next request is a 404. Idempotent: 204 also when there was
/// none, and then nothing is written.
/// </summary>
public static class RevokeConsentEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageConsents, now);

    [WolverineDelete("/api/clients/{clientId}/supporters/{supporterId}", Name = "RevokeConsent"), Authorize(Roles = Allow.Client)]
    [EndpointSummary("Revoke a supporter's consent at once (the client only)"), Tags("Support network")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static (IResult, Events) Delete(Guid supporterId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey, Caller caller, DateTimeOffset now) =>
        (TypedResults.NoContent(), [.. Consents.EndOpen(journey, supporterId, caller, now)]);
}

using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using Wolverine.Http;

namespace RecoveryLedger.Api.SupportNetwork.Supporting;

public sealed record SupportedClient(Guid ClientId, string Pseudonym, string Relationship, IReadOnlyList<string> Scopes);

public sealed record SupportedClients(IReadOnlyList<SupportedClient> Clients);

/// <summary>
/// <c>GET /api/supporting</c>: the clients of the supporter's clinic whose consent to it is in force now (the
/// session is the token's clinic: the same supporter id elsewhere sees nothing). Each listed client's access log
/// records the look (<c>supporting.read</c>): the pseudonym is itself part of the record.
/// </summary>
public static class GetSupportingEndpoint
{
    [WolverineGet("/api/supporting", Name = "GetSupporting"), Authorize(Roles = Allow.Supporter)]
    [EndpointSummary("The clients who share part of their journey with the calling supporter"), Tags("Support network")]
    [ProducesResponseType<SupportedClients>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Caller caller, IDocumentSession session, DateTimeOffset now, CancellationToken cancellation)
    {
        // Candidates by containment on the journey's consents (rare: a few per client), then the policy decides.
        var candidates = await session.Query<Journey>()
            .Where(journey => journey.Consents.Any(consent => consent.SupporterId == caller.Id))
            .ToListAsync(cancellation);
        var clients = candidates.Where(journey => Reach.Allows(caller, journey, Purpose.ReadShared, now))
            .Select(journey => (journey, consent: journey.ConsentInForce(caller.Id, now)!))
            .OrderBy(pair => pair.consent.GrantedAt)
            .Select(pair => new SupportedClient(pair.journey.Id, pair.journey.Pseudonym, pair.consent.Relationship, pair.consent.Scopes))
            .ToList();
        await AccessLog.RecordNow(session, caller, clients.Select(client => client.ClientId), ReadActions.Supporting, now, cancellation);
        return TypedResults.Ok(new SupportedClients(clients));
    }
}

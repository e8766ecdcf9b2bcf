using Marten;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using Wolverine.Http;
using Wolverine.Persistence;

namespace RecoveryLedger.Api.Journeys.GettingClient;

public sealed record ClientSummary(
    Guid ClientId, string Pseudonym, string TimeZone, DateTimeOffset SobrietyStartedAt, DateTimeOffset EnrolledAt,
    Guid PrimaryClinicianId, IReadOnlyList<Guid> CareTeam, int PlanVersion)
{
    public static ClientSummary Of(Journey j) => new(j.Id, j.Pseudonym, j.TimeZone, j.SobrietyStartedAt, j.EnrolledAt,
        j.PrimaryClinicianId, j.CareTeam, j.PlanVersion);
}

public static class GetClientEndpoint
{
    public static IResult Validate([Entity("clientId", Required = false)] Journey? journey, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ReadSummary, now);

    [WolverineGet("/api/clients/{clientId}", Name = "GetClient"), Authorize(Roles = Allow.ClientClinicianOrAdmin)]
    [EndpointSummary("A client's summary"), Tags("Clients")]
    [ProducesResponseType<ClientSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([Entity("clientId", Required = false)] Journey journey, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        await AccessLog.RecordNow(session, caller, [journey.Id], ReadActions.Client, now, cancellation);
        return TypedResults.Ok(ClientSummary.Of(journey));
    }
}

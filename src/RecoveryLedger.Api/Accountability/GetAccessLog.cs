using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using Wolverine.Http;

namespace RecoveryLedger.Api.Accountability;

public sealed record AccessLogEntry(DateTimeOffset At, Guid ActorId, string ActorRole, string Action);

public sealed record AccessLogView(IReadOnlyList<AccessLogEntry> Entries);

public static class GetAccessLogEndpoint
{
    /// <summary>
    /// The usual reach; and an erased client's log stays readable to its clinic's admins (contract "Erasure"),
    /// so the clinic can account for what it did — the one trace of the client an endpoint still answers.
    /// </summary>
    public static async Task<IResult> ValidateAsync(Guid clientId, Caller caller, IQuerySession session, CancellationToken cancellation) =>
        await Reach.Check(session, caller, clientId, Purpose.ReadAccessLog, cancellation)
        || caller.IsAdmin && await AccessLog.WasErased(session, clientId, cancellation)
            ? WolverineContinue.Result()
            : Problems.NotFound();

    [WolverineGet("/api/clients/{clientId}/access-log", Name = "GetAccessLog"), Authorize(Roles = Allow.ClientOrAdmin)]
    [EndpointSummary("Who read this client's record: for the client itself and its clinic's admins"), Tags("Accountability")]
    [ProducesResponseType<AccessLogView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, Caller caller, IQuerySession session, CancellationToken cancellation)
    {
        var entries = await AccessLog.Read(session, clientId, cancellation);
        return TypedResults.Ok(new AccessLogView(entries));
    }
}

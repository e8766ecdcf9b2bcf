using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.ManagingCareTeam;

/// <summary>
/// Care-team changes by an admin or a clinician already on the team. Idempotent: adding a member or
/// removing a non-member answers 204 and writes nothing. They take effect on the next request
/// because the journey document is updated in the same transaction.
/// </summary>
public static class CareTeam
{
    public static IJourneyEvent? Decide(Journey journey, Guid clinicianId, bool add, Caller caller, DateTimeOffset now)
    {
        var by = new Recorder(caller.Role, caller.Id);
        var isMember = journey.CareTeam.Contains(clinicianId);
        return add
            ? isMember ? null : new CareTeamMemberAdded(clinicianId, now, now, by)
            : isMember ? new CareTeamMemberRemoved(clinicianId, now, now, by) : null;
    }

    internal static async Task<IResult> Change(Guid clientId, Guid clinicianId, bool add, ClaimsPrincipal user,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        // Exclusive: two concurrent changes to one team are applied one after the other, never lost.
        var stream = await session.Events.FetchForExclusiveWriting<Journey>(clientId, cancellation);
        if (stream.Aggregate is null || !Reach.Allows(caller, stream.Aggregate, Purpose.ManageCareTeam))
            return Problems.NotFound();

        if (Decide(stream.Aggregate, clinicianId, add, caller, clock.Now()) is { } change)
        {
            stream.AppendOne(change);
            await session.SaveChangesAsync(cancellation);
        }
        return TypedResults.NoContent();
    }
}

public static class AddCareTeamMemberEndpoint
{
    [WolverinePost("/api/clients/{clientId}/care-team", Name = "AddCareTeamMember"), Authorize(Roles = Allow.ClinicianOrAdmin)]
    [EndpointSummary("Add a clinician to a client's care team"), Tags("Care team"), JsonBody(typeof(CareTeamMemberBody))]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(Guid clientId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock)
    {
        var (document, problem) = await JsonBody.ReadObject(request);
        if (problem is not null) return problem;
        using var _ = document;
        var errors = new ValidationErrors();
        var clinicianId = new JsonFields(document!.RootElement, "", errors).Guid("clinicianId", required: true);
        if (clinicianId is null) return Problems.Validation(errors.ToDictionary());

        return await CareTeam.Change(clientId, clinicianId.Value, add: true, user, session, clock, request.HttpContext.RequestAborted);
    }
}

public static class RemoveCareTeamMemberEndpoint
{
    [WolverineDelete("/api/clients/{clientId}/care-team/{clinicianId}", Name = "RemoveCareTeamMember"), Authorize(Roles = Allow.ClinicianOrAdmin)]
    [EndpointSummary("Remove a clinician from a client's care team"), Tags("Care team")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static Task<IResult> Delete(Guid clientId, Guid clinicianId, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, CancellationToken cancellation) =>
        CareTeam.Change(clientId, clinicianId, add: false, user, session, clock, cancellation);
}

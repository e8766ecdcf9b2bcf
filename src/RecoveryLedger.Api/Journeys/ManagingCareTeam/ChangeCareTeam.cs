using System.Text.Json;
using System.Text.Json.Nodes;
using Wolverine.Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.ManagingCareTeam;

/// <summary>The body of <c>POST /api/clients/{id}/care-team</c>.</summary>
public sealed record AddCareTeamMember(Guid ClinicianId) : IStrictBody<AddCareTeamMember>
{
    private static readonly GuidField Clinician = new("clinicianId", true, "The clinician (token subject) to add.");

    public static BodyShape Shape { get; } = new("Who joins the care team; adding a member again changes nothing.", [Clinician],
        _ => new() { ["clinicianId"] = "7f2c9a4e-1b3d-4c5e-8f60-0a1b2c3d4e5f" });

    public static (AddCareTeamMember? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var clinicianId = new JsonFields(body, "", errors).Guid(Clinician);
        return (clinicianId is null ? null : new AddCareTeamMember(clinicianId.Value), errors);
    }
}

/// <summary>
/// Care-team changes by an admin or a clinician already on the team. Idempotent: adding a member or
/// removing a non-member answers 204 and writes nothing. They take effect on the next request
/// because the journey document is updated in the same transaction. The journey is locked
/// (exclusive): two concurrent changes to one team are applied one after the other, never lost.
/// </summary>
public static class CareTeam
{
    public static IJourneyEvent? Decide(Journey journey, Guid clinicianId, bool add, Caller caller, DateTimeOffset now)
    {
        var isMember = journey.CareTeam.Contains(clinicianId);
        return add
            ? isMember ? null : new CareTeamMemberAdded(clinicianId, now, now, caller.Recorder)
            : isMember ? new CareTeamMemberRemoved(clinicianId, now, now, caller.Recorder) : null;
    }

    internal static (IResult, Events) Changed(IJourneyEvent? change) =>
        (TypedResults.NoContent(), change is null ? [] : [change]);
}

public static class AddCareTeamMemberEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageCareTeam, now);

    [WolverinePost("/api/clients/{clientId}/care-team", Name = "AddCareTeamMember"), Authorize(Roles = Allow.ClinicianOrAdmin)]
    [EndpointSummary("Add a clinician to a client's care team"), Tags("Care team"), JsonBody(typeof(AddCareTeamMember))]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static (IResult, Events) Post(AddCareTeamMember command,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey, Caller caller, DateTimeOffset now) =>
        CareTeam.Changed(CareTeam.Decide(journey, command.ClinicianId, add: true, caller, now));
}

public static class RemoveCareTeamMemberEndpoint
{
    public static IResult Validate(Journey? journey, Caller caller, DateTimeOffset now) => Reach.Guard(caller, journey, Purpose.ManageCareTeam, now);

    [WolverineDelete("/api/clients/{clientId}/care-team/{clinicianId}", Name = "RemoveCareTeamMember"), Authorize(Roles = Allow.ClinicianOrAdmin)]
    [EndpointSummary("Remove a clinician from a client's care team"), Tags("Care team")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static (IResult, Events) Delete(Guid clinicianId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey, Caller caller, DateTimeOffset now) =>
        CareTeam.Changed(CareTeam.Decide(journey, clinicianId, add: false, caller, now));
}

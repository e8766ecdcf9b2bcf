using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Streaks;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.Enrolling;

/// <summary>The body of <c>POST /api/clients</c>.</summary>
public sealed record EnrolClient(Guid ClientId, string Pseudonym, string TimeZone, DateTimeOffset SobrietyStartedAt, Guid PrimaryClinicianId)
    : IStrictBody<EnrolClient>
{
    private static readonly GuidField Id = new("clientId", false, "Optional; a new UUID when absent. The same id again in the clinic is a 409.");
    private static readonly TextField PseudonymField = new("pseudonym", true, 1, 64, "A pseudonym, never a real name.");
    private static readonly TextField Zone = new("timeZone", true, 1, 64, "IANA time zone, e.g. Europe/Berlin: the streak's calendar.");
    private static readonly InstantField Started = new("sobrietyStartedAt", true, "With offset; at most 5 minutes in the future.");
    private static readonly GuidField Primary = new("primaryClinicianId", false, "Default: the calling clinician. Required when an admin enrols.");

    public static BodyShape Shape { get; } = new("A new client's journey.", [Id, PseudonymField, Zone, Started, Primary],
        now => new() { ["pseudonym"] = "River", ["timeZone"] = "Europe/Berlin", ["sobrietyStartedAt"] = now.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ") });

    public static (EnrolClient? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var (caller, now) = (request.Caller, request.Now);
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var clientId = f.Guid(Id) ?? Guid.NewGuid();
        var pseudonym = f.Text(PseudonymField);
        var timeZone = f.Text(Zone);
        if (timeZone is not null && !ClientTimeZones.IsKnown(timeZone)) errors.Add(Zone.Name, "Unknown IANA time zone.");
        var started = f.Instant(Started);
        if (started > now + Appending.EntryParser.FutureTolerance)
            errors.Add(Started.Name, "Must not be more than 5 minutes in the future.");
        // An admin enrols on behalf of a clinician and must name one; a clinician defaults to itself.
        var primary = f.Guid(Primary with { Required = caller.IsAdmin }) ?? (caller.IsClinician ? caller.Id : null);

        return errors.Any || pseudonym is null || timeZone is null || started is null || primary is null
            ? (null, errors)
            : (new EnrolClient(clientId, pseudonym, timeZone, started.Value, primary.Value), errors);
    }

    /// <summary>Enrolment opens the journey; the primary clinician, and an enrolling clinician, join the care team.</summary>
    public IReadOnlyList<IJourneyEvent> Decide(Caller caller, DateTimeOffset now)
    {
        var by = caller.Recorder;
        var team = new List<Guid> { PrimaryClinicianId };
        if (caller.IsClinician && caller.Id != PrimaryClinicianId) team.Add(caller.Id);
        return
        [
            new ClientEnrolled(ClientId, Pseudonym, TimeZone, SobrietyStartedAt, PrimaryClinicianId, now, now, by),
            .. team.Select(member => new CareTeamMemberAdded(member, now, now, by)),
        ];
    }
}

public sealed record ClientCreated(Guid ClientId);


/// <summary>
/// Not the aggregate workflow, on purpose: enrolment starts the journey and answers a duplicate client id
/// with its own 409, which only the commit can tell — so it saves here.
/// </summary>
public static class EnrolClientEndpoint
{
    [WolverinePost("/api/clients", Name = "EnrolClient"), Authorize(Roles = Allow.ClinicianOrAdmin)]
    [EndpointSummary("Enrol a client"), Tags("Clients"), JsonBody(typeof(EnrolClient))]
    [ProducesResponseType<ClientCreated>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(EnrolClient command, Caller caller, DateTimeOffset now, IDocumentSession session,
        CancellationToken cancellation)
    {
        session.Events.StartStream<Journey>(command.ClientId, command.Decide(caller, now).Cast<object>().ToArray());
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or ConcurrencyException)
        {
            return Problems.Conflict("A client with this id is already enrolled in this clinic.");
        }
        return TypedResults.Created($"/api/clients/{command.ClientId}", new ClientCreated(command.ClientId));
    }
}

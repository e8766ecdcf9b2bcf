using Marten;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Journeys;

/// <summary>What a caller wants to do with a client's record.</summary>
public enum Purpose
{
    /// <summary>Timeline, streak: clinical content.</summary>
    ReadClinical,
    /// <summary>The client summary (pseudonym, zone, care team).</summary>
    ReadSummary,
    AppendEntries,
    ChangePlan,
    ManageCareTeam,
    /// <summary>Set, reword, review and close treatment goals: a care-team clinician only (the client reads them).</summary>
    ManageGoals,
    ReadAccessLog,
    /// <summary>The whole record, as the client's own copy: the client, or an admin on its request.</summary>
    Export,
    /// <summary>Erasure: an admin of the clinic only.</summary>
    Erase,
}

/// <summary>
/// The one reach policy of the contract, applied after the role check (403) has passed: a client
/// reaches itself; a clinician the clients on whose care team it is; an admin manages care teams and
/// reads summaries and access logs but no clinical content — except the client's export, made on its request. Clinics never meet: the session is
/// opened for the caller's clinic, so another clinic's client is simply absent. Out of reach is 404.
/// </summary>
public static class Reach
{
    public static bool Allows(Caller caller, Journey journey, Purpose purpose) => Allows(caller, journey.Id, journey.CareTeam, purpose);

    public static bool Allows(Caller caller, Guid clientId, IReadOnlyCollection<Guid> careTeam, Purpose purpose) => caller.Role switch
    {
        Roles.Client => caller.Id == clientId && purpose is not (Purpose.ManageCareTeam or Purpose.ManageGoals or Purpose.Erase),
        Roles.Clinician => careTeam.Contains(caller.Id) && purpose is not (Purpose.ReadAccessLog or Purpose.Export or Purpose.Erase),
        Roles.Admin => purpose is Purpose.ManageCareTeam or Purpose.ReadSummary or Purpose.ReadAccessLog or Purpose.Export or Purpose.Erase,
        _ => false,
    };

    /// <summary>A slice's guard (Wolverine <c>Validate</c>): an absent or out-of-reach journey is a 404.</summary>
    public static IResult Guard(Caller caller, Journey? journey, Purpose purpose) =>
        journey is not null && Allows(caller, journey, purpose) ? Wolverine.Http.WolverineContinue.Result() : Hosting.Problems.NotFound();

    /// <summary>A read slice's guard when it needs only the care team (not the journey): out of reach is a 404.</summary>
    public static async Task<IResult> GuardAsync(IQuerySession session, Caller caller, Guid clientId, Purpose purpose,
        CancellationToken cancellation) =>
        await Check(session, caller, clientId, purpose, cancellation) ? Wolverine.Http.WolverineContinue.Result() : Hosting.Problems.NotFound();

    /// <summary>
    /// Whether the caller may reach the client, reading only the care team (not the whole journey, whose
    /// lapse history a timeline page does not need); false means answer 404.
    /// </summary>
    public static async Task<bool> Check(IQuerySession session, Caller caller, Guid clientId, Purpose purpose, CancellationToken cancellation)
    {
        var careTeam = await session.Query<Journey>().Where(j => j.Id == clientId).Select(j => j.CareTeam).ToListAsync(cancellation);
        return careTeam.Count == 1 && Allows(caller, clientId, careTeam[0], purpose);
    }
}

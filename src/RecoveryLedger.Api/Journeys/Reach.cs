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
    /// <summary>Granting, replacing and revoking supporters' consents: the client only.</summary>
    ManageConsents,
    /// <summary>The shared view: a supporter with a consent in force, nothing else.</summary>
    ReadShared,
}

/// <summary>
/// The one reach policy of the contract, applied after the role check (403) has passed: a client
/// reaches itself; a clinician the clients on whose care team it is; an admin manages care teams and
/// reads summaries and access logs but no clinical content — except the client's export, made on its request;
/// a supporter reaches the shared view of a client whose consent to it is in force at the request's instant, and
/// nothing else. Clinics never meet: the session is opened for the caller's clinic, so another clinic's client is
/// simply absent. Out of reach is 404.
/// </summary>
public static class Reach
{
    /// <param name="now">The request's instant: a consent's expiry is decided from it (no job, no event).</param>
    public static bool Allows(Caller caller, Journey journey, Purpose purpose, DateTimeOffset now) =>
        Allows(caller, journey.Id, journey.CareTeam, purpose, supporterConsented: journey.ConsentInForce(caller.Id, now) is not null);

    public static bool Allows(Caller caller, Guid clientId, IReadOnlyCollection<Guid> careTeam, Purpose purpose,
        bool supporterConsented = false) => caller.Role switch
    {
        Roles.Client => caller.Id == clientId && purpose is not (Purpose.ManageCareTeam or Purpose.ManageGoals or Purpose.Erase or Purpose.ReadShared),
        Roles.Clinician => careTeam.Contains(caller.Id)
                           && purpose is not (Purpose.ReadAccessLog or Purpose.Export or Purpose.Erase or Purpose.ManageConsents or Purpose.ReadShared),
        Roles.Admin => purpose is Purpose.ManageCareTeam or Purpose.ReadSummary or Purpose.ReadAccessLog or Purpose.Export or Purpose.Erase,
        Roles.Supporter => purpose == Purpose.ReadShared && supporterConsented,
        _ => false,
    };

    /// <summary>A slice's guard (Wolverine <c>Validate</c>): an absent or out-of-reach journey is a 404.</summary>
    public static IResult Guard(Caller caller, Journey? journey, Purpose purpose, DateTimeOffset now) =>
        journey is not null && Allows(caller, journey, purpose, now) ? Wolverine.Http.WolverineContinue.Result() : Hosting.Problems.NotFound();

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
        var careTeam = await session.AdvancedSql.QueryAsync<Guid[]>(CareTeamSql, cancellation, session.TenantId, clientId);
        return careTeam.Count == 1 && Allows(caller, clientId, careTeam[0], purpose);
    }

    /// <summary>SQL, not LINQ: every read request asks this, and Marten parsed the LINQ expression each time (issue 16's profile).</summary>
    private const string CareTeamSql =
        "select d.data -> 'CareTeam' from " + Hosting.PersistenceSetup.Schema +
        ".mt_doc_journey as d where d.tenant_id = ? and d.id = ?";
}

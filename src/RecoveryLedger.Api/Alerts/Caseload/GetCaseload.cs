using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Alerts;
using Wolverine.Http;

namespace RecoveryLedger.Api.Alerts.Caseload;

public sealed record CaseloadRow(Guid ClientId, string Pseudonym, int CurrentStreakDays, DateTimeOffset? LastEntryAt, int OpenAlerts,
    string? HighestOpenSeverity);

public sealed record CaseloadView(IReadOnlyList<CaseloadRow> Clients);

public static class Caseload
{
    /// <summary>Riskiest first: highest severity among open alerts, then most open alerts, then shortest current streak.</summary>
    public static IReadOnlyList<CaseloadRow> Rank(IEnumerable<CaseloadRow> rows) => rows
        .OrderByDescending(r => r.HighestOpenSeverity is null ? -1 : (int)Severities.Parse(r.HighestOpenSeverity))
        .ThenByDescending(r => r.OpenAlerts)
        .ThenBy(r => r.CurrentStreakDays)
        .ThenBy(r => r.ClientId)
        .ToList();

    public static CaseloadRow Row(Journey journey, StreakStart start, IReadOnlyList<Alert> openAlerts, DateTimeOffset now) => new(
        journey.Id, journey.Pseudonym, start.Current(now).CurrentStreakDays, journey.LastEntryAt, openAlerts.Count,
        openAlerts.Count == 0 ? null : Severities.Name(openAlerts.Max(a => a.Level)));
}

public static class GetCaseloadEndpoint
{
    [WolverineGet("/api/caseload", Name = "GetCaseload"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("The clinician's care-team clients, riskiest first"), Tags("Alerts")]
    [ProducesResponseType<CaseloadView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var journeys = await CareTeams.ClientsOf(session, caller.Id, cancellation);
        var ids = journeys.Select(j => j.Id).ToList();
        var now = clock.Now();
        var open = (await session.Query<Alert>().Where(a => ids.Contains(a.ClientId) && a.Status == AlertStatus.Open).ToListAsync(cancellation))
            .ToLookup(a => a.ClientId);
        var starts = await SobrietyReads.Starts(session, ids, now, cancellation);
        await AccessLog.RecordNow(session, caller, ids, ReadActions.Caseload, now, cancellation);
        // A journey without its streak frame was erased between the reads: it leaves the caseload.
        return TypedResults.Ok(new CaseloadView(Caseload.Rank(journeys.Where(j => starts.ContainsKey(j.Id))
            .Select(j => Caseload.Row(j, starts[j.Id], open[j.Id].ToList(), now)))));
    }
}

using Marten;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using Wolverine.Http;

namespace RecoveryLedger.Api.Alerts.Listing;

public sealed record AlertList(IReadOnlyList<AlertView> Alerts);

public static class GetAlertsEndpoint
{
    public static readonly WordField Status = new("status", false, AlertStatus.All, "Only alerts in this status; all when absent");

    [WolverineGet("/api/alerts", Name = "GetAlerts"), Authorize(Roles = Allow.Clinician)]
    [EndpointSummary("The alert inbox: alerts of the clinician's care-team clients, newest trigger first"), Tags("Alerts")]
    [QueryField(typeof(GetAlertsEndpoint), nameof(Status))]
    [QueryParameter("clientId", typeof(Guid), "Only this client (404 when out of reach)")]
    [ProducesResponseType<AlertList>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpRequest request, Caller caller, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var status = request.Query[Status.Name].ToString();
        if (status.Length > 0 && !Status.Words.Contains(status))
            return Problems.Validation(Status.Name, $"Must be one of: {string.Join(", ", Status.Words)}.");
        var clientText = request.Query["clientId"].ToString();
        Guid? clientId = null;
        if (clientText.Length > 0)
        {
            if (!Guid.TryParse(clientText, out var parsed)) return Problems.NotFound();
            clientId = parsed;
        }
        IReadOnlyList<Guid> clients;
        if (clientId is { } one)
        {
            if (!await Reach.Check(session, caller, one, Purpose.ReadClinical, cancellation)) return Problems.NotFound();
            clients = [one];
        }
        else
        {
            clients = (await CareTeams.ClientsOf(session, caller.Id, cancellation)).Select(j => j.Id).ToList();
        }

        var query = session.Query<Alert>().Where(a => clients.Contains(a.ClientId));
        if (status.Length > 0) query = query.Where(a => a.Status == status);
        // Alerts judged in one page share their time: the id breaks the tie, so the inbox keeps one order across
        // requests (and across a rebuild, which writes the rows in another physical order).
        var alerts = await query.OrderByDescending(a => a.LastTriggeredAt).ThenBy(a => a.Id).ToListAsync(cancellation);
        await AccessLog.RecordNow(session, caller, alerts.Select(a => a.ClientId), ReadActions.Alerts,
            clock.Now(), cancellation);
        return TypedResults.Ok(new AlertList(alerts.Select(AlertView.Of).ToList()));
    }
}

using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.GettingStreak;

public static class GetStreakEndpoint
{
    /// <summary>A bad <c>asOf</c> is a 400 before anything else is asked.</summary>
    public static IResult Before(HttpRequest request) =>
        request.Query.TryGetValue("asOf", out var text) && !string.IsNullOrEmpty(text) && !Instants.TryParse(text.ToString(), out _)
            ? Problems.Validation("asOf", Instants.Expected)
            : WolverineContinue.Result();

    /// <summary>Only the care team is read for the guard; the streak needs nothing of the journey but its history.</summary>
    public static Task<IResult> ValidateAsync(Guid clientId, Caller caller, IQuerySession session, CancellationToken cancellation) =>
        Reach.GuardAsync(session, caller, clientId, Purpose.ReadClinical, cancellation);

    private static DateTimeOffset? AsOf(HttpRequest request) =>
        Instants.TryParse(request.Query["asOf"].ToString(), out var asOf) ? asOf : null;

    [WolverineGet("/api/clients/{clientId}/streak", Name = "GetStreak"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's sobriety streak, optionally as of an instant"), Tags("Journey")]
    [QueryParameter("asOf", typeof(DateTimeOffset), "Answer as of this instant: it is \"now\", and later-recorded entries are left out")]
    [ProducesResponseType<StreakView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, Caller caller, HttpRequest request, IDocumentSession session, DateTimeOffset now,
        CancellationToken cancellation)
    {
        // Written with the journey by the enrolment; absent only if erased since the guard (or never rebuilt: docs/operations.md).
        var asOf = AsOf(request) ?? now;
        if (await SobrietyReads.Record(session, clientId, asOf, cancellation) is not { } record) return Problems.NotFound();
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Streak, now, cancellation);
        return TypedResults.Ok(JourneyStreak.Of(record, asOf));
    }
}

using System.Security.Claims;
using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Streaks;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.GettingStreak;

public sealed record MilestoneView(int Days, DateOnly ReachedOn);

public sealed record StreakView(
    Guid ClientId, string TimeZone, DateTimeOffset StreakStartedAt, int CurrentStreakDays, int LongestStreakDays,
    int TotalSoberDays, int InnerLapses, int MiddleSlips, DateTimeOffset? LastLapseAt,
    IReadOnlyList<MilestoneView> Milestones, int NextMilestoneDays);

public static class JourneyStreak
{
    /// <summary>The streak as it stood at <paramref name="now"/>, from what had been recorded by then.</summary>
    public static StreakView Of(Journey journey, DateTimeOffset now)
    {
        var lapses = journey.Lapses
            .Where(lapse => lapse.RecordedAt <= now)
            .Select(lapse => new LapseRecord(lapse.OccurredAt,
                lapse.Circle == Vocabulary.Circle.Inner ? LapseCircle.Inner : LapseCircle.Middle))
            .ToList();
        var s = StreakCalculator.Calculate(new StreakHistory(journey.TimeZone, journey.SobrietyStartedAt, lapses), now);
        return new StreakView(journey.Id, journey.TimeZone, s.StreakStartedAt, s.CurrentStreakDays, s.LongestStreakDays,
            s.TotalSoberDays, s.InnerLapses, s.MiddleSlips, s.LastLapseAt,
            s.Milestones.Select(m => new MilestoneView(m.Days, m.ReachedOn)).ToList(), s.NextMilestoneDays);
    }
}

public static class GetStreakEndpoint
{
    [WolverineGet("/api/clients/{clientId}/streak", Name = "GetStreak"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's sobriety streak, optionally as of an instant"), Tags("Journey")]
    [QueryParameter("asOf", typeof(DateTimeOffset), "Answer as of this instant: it is \"now\", and later-recorded entries are left out")]
    [ProducesResponseType<StreakView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, CancellationToken cancellation)
    {
        DateTimeOffset? asOf = null;
        if (request.Query.TryGetValue("asOf", out var text) && !string.IsNullOrEmpty(text))
        {
            if (!Instants.TryParse(text.ToString(), out var parsed))
                return Problems.Validation("asOf", "Must be an ISO 8601 instant with an offset (Z or ±hh:mm).");
            asOf = parsed;
        }

        var caller = Caller.From(user);
        var journey = await Reach.Load(session, caller, clientId, Purpose.ReadClinical, cancellation);
        if (journey is null) return Problems.NotFound();
        var now = clock.Now();
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Streak, now, cancellation);
        return TypedResults.Ok(JourneyStreak.Of(journey, asOf ?? now));
    }
}

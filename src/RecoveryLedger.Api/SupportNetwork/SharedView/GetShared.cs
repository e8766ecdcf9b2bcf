using RecoveryLedger.Api.Journeys.Sobriety;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Timeline;
using Wolverine.Http;
using Wolverine.Persistence;
using static RecoveryLedger.Api.Journeys.Vocabulary;

namespace RecoveryLedger.Api.SupportNetwork.SharedView;

public sealed record SharedStreak(int CurrentStreakDays, int LongestStreakDays, int TotalSoberDays);

/// <summary>A check-in as a supporter sees it: when, and only the granted numbers among mood and craving.</summary>
public sealed record SharedCheckIn(
    DateTimeOffset OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Mood,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Craving);

/// <summary>What the client chose to share: <c>null</c> exactly where a scope is not granted.</summary>
public sealed record SharedJourney(Guid ClientId, string Pseudonym, IReadOnlyList<string> Scopes, SharedStreak? Streak,
    IReadOnlyList<MilestoneView>? Milestones, IReadOnlyList<SharedCheckIn>? CheckIns);

/// <summary>
/// <c>GET …/shared</c>: a supporter's only window on a client, while the client's consent to it is in force
/// (decided from the request's instant: expiry needs no job). Never urges, lapses, notes, plan, sessions or
/// alerts. Each look is in the client's access log (<c>shared.read</c>) before the answer is written.
/// </summary>
public static class GetSharedEndpoint
{
    public static readonly TimeSpan CheckInWindow = TimeSpan.FromDays(14);

    public static IResult Validate([Entity("clientId", Required = false)] Journey? journey, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ReadShared, now);

    [WolverineGet("/api/clients/{clientId}/shared", Name = "GetShared"), Authorize(Roles = Allow.Supporter)]
    [EndpointSummary("What a client shares with the calling supporter (a consent in force)"), Tags("Support network")]
    [ProducesResponseType<SharedJourney>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([Entity("clientId", Required = false)] Journey journey, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var consent = journey.ConsentInForce(caller.Id, now)!;
        var seesStreak = consent.Grants(Scopes.Streak) || consent.Grants(Scopes.Milestones);
        var record = seesStreak ? await SobrietyReads.Record(session, journey.Id, now, cancellation) : null;
        if (seesStreak && record is null) return Hosting.Problems.NotFound(); // erased since the journey was read
        var streak = record is null ? null : JourneyStreak.Of(record, now);
        var checkIns = consent.Grants(Scopes.Mood) || consent.Grants(Scopes.Craving)
            ? await RecentCheckIns(session, journey.Id, consent, now, cancellation) : null;
        await AccessLog.RecordNow(session, caller, [journey.Id], ReadActions.Shared, now, cancellation);
        return TypedResults.Ok(new SharedJourney(journey.Id, journey.Pseudonym, consent.Scopes,
            consent.Grants(Scopes.Streak) ? new SharedStreak(streak!.CurrentStreakDays, streak.LongestStreakDays, streak.TotalSoberDays) : null,
            consent.Grants(Scopes.Milestones) ? streak!.Milestones : null,
            checkIns));
    }

    /// <summary>Check-ins that occurred in the last 14 days (as recorded by now), newest first, with the granted numbers only.</summary>
    private static async Task<IReadOnlyList<SharedCheckIn>> RecentCheckIns(IQuerySession session, Guid clientId, SupporterConsent consent,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var since = now - CheckInWindow;
        var rows = await TimelineItems.OfKindAsync(session, clientId, Kinds.CheckIn, now, after: since, upTo: now, newestFirst: true, cancellation);
        return [.. rows.Select(item => new SharedCheckIn(item.GetProperty("occurredAt").GetDateTimeOffset(),
            consent.Grants(Scopes.Mood) ? item.GetProperty("mood").GetInt32() : null,
            consent.Grants(Scopes.Craving) ? item.GetProperty("craving").GetInt32() : null))];
    }
}

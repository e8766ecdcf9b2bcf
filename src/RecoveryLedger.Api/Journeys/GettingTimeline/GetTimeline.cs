using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using RecoveryLedger.Api.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys.Timeline;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.GettingTimeline;

/// <summary>A timeline item as served: the common fields, then the kind's own fields.</summary>
[System.ComponentModel.Description("An entry or system event. Besides these fields it carries the kind's own fields, as in the entry body " +
    "(check-in: mood, craving, halt, sleepHours, safetyConcern, note; urge: intensity, triggers, durationMinutes, note; coping: strategy, " +
    "outcome, urgeId, note; lapse: circle, behavior, note; session: sessionKind, attended, durationMinutes, note; relationship-milestone: " +
    "milestone, with, note; measure: instrument, items, score, band, note; thought-record: situation, automaticThought, emotions, " +
    "distortions, evidenceFor, evidenceAgainst, balancedThought, note; enrolled: timeZone, sobrietyStartedAt; plan-changed: version, inner, " +
    "middle, outer; milestone: days, reachedOn; goal-set: goalId, area, statement, targetDate; goal-reviewed: goalId, progress, note; " +
    "goal-status-changed: goalId, status).")]
public sealed class TimelineEntryView
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
    [JsonExtensionData] public Dictionary<string, JsonElement>? Fields { get; init; }

    public static TimelineEntryView Of(TimelineItem item) => new()
    {
        Id = item.ItemId, Kind = item.Kind, OccurredAt = item.OccurredAt, RecordedAt = item.RecordedAt,
        RecordedBy = item.RecordedBy,
        Fields = item.Fields.ValueKind == JsonValueKind.Object
            ? item.Fields.EnumerateObject().ToDictionary(p => p.Name, p => p.Value) : null,
    };
}

public sealed record TimelinePage(IReadOnlyList<TimelineEntryView> Items, string? NextCursor);

public static class GetTimelineEndpoint
{
    /// <summary>The query string, parsed: a bad parameter is a 400 before anything else is asked.</summary>
    public static (TimelineQuery?, IResult) Load(HttpRequest request) =>
        TimelineQuery.Parse(request.Query).Loaded();

    public static Task<IResult> ValidateAsync(Guid clientId, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        Reach.GuardAsync(session, caller, clientId, Purpose.ReadClinical, cancellation);

    [WolverineGet("/api/clients/{clientId}/timeline", Name = "GetTimeline"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's timeline, newest first, keyset-paged"), Tags("Journey")]
    [QueryField(typeof(TimelineQuery), nameof(TimelineQuery.FromField)), QueryField(typeof(TimelineQuery), nameof(TimelineQuery.ToField))]
    [QueryField(typeof(TimelineQuery), nameof(TimelineQuery.KindsField)), QueryField(typeof(TimelineQuery), nameof(TimelineQuery.AsOfField))]
    [QueryField(typeof(TimelineQuery), nameof(TimelineQuery.LimitField)), QueryField(typeof(TimelineQuery), nameof(TimelineQuery.IdsField))]
    [QueryParameter("cursor", typeof(string), "nextCursor of the previous page; send the same filters with it")]
    [ProducesResponseType<TimelinePage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, [NotBody] TimelineQuery query, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        if (query.Ids is { } ids)
        {
            var items = await TimelineReader.Items(session, clientId, ids, cancellation);
            await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Timeline, now, cancellation);
            return TypedResults.Ok(new TimelinePage(items.Select(TimelineEntryView.Of).ToList(), null));
        }
        var asOf = query.Cursor?.AsOf ?? query.AsOf ?? now;
        var rows = await TimelineReader.Page(session, clientId, query, asOf, cancellation);
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit
            ? new TimelineCursor(page[^1].OccurredAt, page[^1].RecordedAt, page[^1].ItemId, asOf).Encode()
            : null;
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Timeline, now, cancellation);
        return TypedResults.Ok(new TimelinePage(page.Select(TimelineEntryView.Of).ToList(), next));
    }
}

/// <summary>
/// The keyset query over the timeline read model: one index range scan in (occurredAt, recordedAt,
/// id) descending order, one row more than the page to know whether another page follows.
/// </summary>
public static class TimelineReader
{
    private const string Table = PersistenceSetup.Schema + ".mt_doc_timelineitem";

    public static async Task<IReadOnlyList<TimelineItem>> Page(IQuerySession session, Guid clientId, TimelineQuery query,
        DateTimeOffset asOf, CancellationToken cancellation)
    {
        var sql = new StringBuilder($"select d.data from {Table} as d where d.tenant_id = ? and d.client_id = ? and d.recorded_at <= ?");
        var args = new List<object> { session.TenantId, clientId, asOf };
        if (query.From is { } from) { sql.Append(" and d.occurred_at >= ?"); args.Add(from); }
        if (query.To is { } to) { sql.Append(" and d.occurred_at < ?"); args.Add(to); }
        if (query.Kinds is { } kinds) { sql.Append(" and d.kind = any(?)"); args.Add(kinds.ToArray()); }
        if (query.Cursor is { } c)
        {
            sql.Append(" and (d.occurred_at, d.recorded_at, d.item_id) < (?, ?, ?)");
            args.AddRange([c.OccurredAt, c.RecordedAt, c.ItemId]);
        }
        sql.Append(" order by d.occurred_at desc, d.recorded_at desc, d.item_id desc limit ?");
        args.Add(query.Limit + 1);
        return await session.QueryAsync<TimelineItem>(sql.ToString(), cancellation, args.ToArray());
    }

    /// <summary>The client's items with these ids (the entry-id index), in timeline order; unknown ids are left out.</summary>
    public static async Task<IReadOnlyList<TimelineItem>> Items(IQuerySession session, Guid clientId, IReadOnlyList<Guid> ids,
        CancellationToken cancellation) =>
        await session.QueryAsync<TimelineItem>(
            $"select d.data from {Table} as d where d.tenant_id = ? and d.client_id = ? and d.item_id = any(?) " +
            "order by d.occurred_at desc, d.recorded_at desc, d.item_id desc", cancellation, session.TenantId, clientId, ids.ToArray());
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Npgsql;
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
}

/// <summary>The page's shape for the OpenAPI document; the page itself is written by <see cref="TimelinePageResult"/>.</summary>
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
            return new TimelinePageResult(items, null);
        }
        var asOf = query.Cursor?.AsOf ?? query.AsOf ?? now;
        var rows = await TimelineReader.Page(session, clientId, query, asOf, cancellation);
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit
            ? new TimelineCursor(page[^1].OccurredAt, page[^1].RecordedAt, page[^1].ItemId, asOf).Encode()
            : null;
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Timeline, now, cancellation);
        return new TimelinePageResult(page, next);
    }
}

/// <summary>A timeline item as read: its response JSON, as the projection wrote it, and its sort key.</summary>
public sealed record TimelineItemRead(string Json, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Guid ItemId);

/// <summary>
/// Writes the page as PostgreSQL built each item: the items are copied into the response, never
/// deserialised and serialised again (issue 16). Nothing here is encrypted at rest, so nothing needs decrypting.
/// </summary>
public sealed class TimelinePageResult(IReadOnlyList<TimelineItemRead> rows, string? nextCursor) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var row in rows) json.WriteRawValue(row.Json, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteString("nextCursor", nextCursor);
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>
/// The keyset query over the timeline read model: one index range scan in (occurredAt, recordedAt,
/// id) descending order, one row more than the page to know whether another page follows. Each item is
/// read as the JSON the projection wrote for the response.
/// </summary>
public static class TimelineReader
{
    private const string Select =
        "select d.item::text, d.occurred_at, d.recorded_at, d.item_id from " + Timeline.TimelineTable.Table +
        " as d where d.tenant_id = $1 and d.client_id = $2";

    private const string Order = " order by d.occurred_at desc, d.recorded_at desc, d.item_id desc";

    public static Task<IReadOnlyList<TimelineItemRead>> Page(IQuerySession session, Guid clientId, TimelineQuery query,
        DateTimeOffset asOf, CancellationToken cancellation)
    {
        List<object> args = [session.TenantId, clientId];
        string P(object value)
        {
            args.Add(value);
            return "$" + args.Count;
        }
        var sql = new StringBuilder(Select).Append(" and d.recorded_at <= ").Append(P(asOf));
        if (query.From is { } from) sql.Append(" and d.occurred_at >= ").Append(P(from));
        if (query.To is { } to) sql.Append(" and d.occurred_at < ").Append(P(to));
        if (query.Kinds is { } kinds) sql.Append(" and d.kind = any(").Append(P(kinds.ToArray())).Append(')');
        if (query.Cursor is { } c)
            sql.Append($" and (d.occurred_at, d.recorded_at, d.item_id) < ({P(c.OccurredAt)}, {P(c.RecordedAt)}, {P(c.ItemId)})");
        sql.Append(Order).Append(" limit ").Append(P(query.Limit + 1));
        return Read(session, sql.ToString(), args, cancellation);
    }

    /// <summary>The client's items with these ids (the primary key), in timeline order; unknown ids are left out.</summary>
    public static Task<IReadOnlyList<TimelineItemRead>> Items(IQuerySession session, Guid clientId, IReadOnlyList<Guid> ids,
        CancellationToken cancellation) =>
        Read(session, Select + " and d.item_id = any($3)" + Order, [session.TenantId, clientId, ids.ToArray()], cancellation);

    private static async Task<IReadOnlyList<TimelineItemRead>> Read(IQuerySession session, string sql, List<object> args,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var rows = new List<TimelineItemRead>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add(new TimelineItemRead(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetGuid(3)));
        return rows;
    }
}

using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys.Timeline;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.GettingMeasures;

/// <summary>One score of an instrument's trend.</summary>
[System.ComponentModel.Description("A score and its band (docs/measures.md). The CSBD-19 cut-off 50 is a screening threshold from " +
    "community samples: at-or-above-cutoff is not a diagnosis, below-cutoff not a remission.")]
public sealed record MeasurePoint(Guid EntryId, DateTimeOffset OccurredAt, int Score, string Band);

public sealed record MeasureTrend(string Instrument, IReadOnlyList<MeasurePoint> Points);

/// <summary>
/// <c>GET …/measures?instrument=</c>: an instrument's scores over time, oldest first, read from the timeline's
/// measure rows (the one inline read model of entries; a client has a few dozen measures a year) and scored
/// by the same pure function the timeline shows.
/// </summary>
public static class GetMeasuresEndpoint
{
    public static (MeasuresQuery?, IResult) Load(HttpRequest request) =>
        MeasuresQuery.Parse(request.Query).Loaded();

    public static Task<IResult> ValidateAsync(Guid clientId, Caller caller, IDocumentSession session, CancellationToken cancellation) =>
        Reach.GuardAsync(session, caller, clientId, Purpose.ReadClinical, cancellation);

    [WolverineGet("/api/clients/{clientId}/measures", Name = "GetMeasures"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("A client's scores of one instrument over time, oldest first"), Tags("Journey")]
    [QueryField(typeof(MeasuresQuery), nameof(MeasuresQuery.InstrumentField)), QueryField(typeof(MeasuresQuery), nameof(MeasuresQuery.AsOfField))]
    [ProducesResponseType<MeasureTrend>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid clientId, [NotBody] MeasuresQuery query, Caller caller, IDocumentSession session,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var asOf = query.AsOf ?? now;
        var rows = await TimelineItems.OfKindAsync(session, clientId, Vocabulary.Kinds.Measure, asOf, after: null, upTo: null, newestFirst: false,
            cancellation);
        var points = rows.Select(Point).Where(point => point.Instrument == query.Instrument.Name)
            .Select(point => point.Point).ToList();
        await AccessLog.RecordNow(session, caller, [clientId], ReadActions.Measures, now, cancellation);
        return TypedResults.Ok(new MeasureTrend(query.Instrument.Name, points));
    }

    private static (string Instrument, MeasurePoint Point) Point(System.Text.Json.JsonElement item) =>
        (item.GetProperty("instrument").GetString()!, new MeasurePoint(item.GetProperty("id").GetGuid(), item.GetProperty("occurredAt").GetDateTimeOffset(),
            item.GetProperty("score").GetInt32(), item.GetProperty("band").GetString()!));
}

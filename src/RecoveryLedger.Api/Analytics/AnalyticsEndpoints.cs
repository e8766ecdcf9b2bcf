using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;

namespace RecoveryLedger.Api.Analytics;

/// <summary>A from–to pair of UTC dates from the query string (open-ended where a bound is absent).</summary>
public sealed record DateRange(DateOnly From, DateOnly To)
{
    /// <summary>For an endpoint's Wolverine <c>Load</c>: the range, or the 400 naming the bad parameter.</summary>
    public static (DateRange?, IResult) Read(HttpRequest request, bool required)
    {
        var errors = new ValidationErrors();
        var from = Date(request.Query, "from", required, errors) ?? DateOnly.MinValue;
        var to = Date(request.Query, "to", required, errors) ?? DateOnly.MaxValue;
        if (!errors.Any && from > to) errors.Add("to", "Must not be before from.");
        return errors.Any ? (null, Problems.Validation(errors.ToDictionary())) : (new DateRange(from, to), WolverineContinue.Result());
    }

    private static DateOnly? Date(IQueryCollection query, string name, bool required, ValidationErrors errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            if (required) errors.Add(name, "Required: a date YYYY-MM-DD.");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(name, "Must be a date YYYY-MM-DD.");
        return null;
    }
}

/// <summary>The clinic's de-identified client records: every statistic is computed from these alone.</summary>
public static class ClinicAnalytics
{
    public static async Task<IReadOnlyList<ClientAnalytics>> Load(IQuerySession session, CancellationToken cancellation) =>
        await session.Query<ClientAnalytics>().ToListAsync(cancellation);
}

public static class CohortEndpoint
{
    public static (DateRange?, IResult) Load(HttpRequest request) => DateRange.Read(request, required: true);

    [WolverineGet("/api/analytics/cohort", Name = "GetCohort"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("De-identified weekly cohort statistics (k = 11)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Required: first UTC date, inclusive")]
    [QueryParameter("to", typeof(DateOnly), "Required: last UTC date, inclusive")]
    [ProducesResponseType<CohortView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([NotBody] DateRange range, IQuerySession session, CancellationToken cancellation) =>
        TypedResults.Ok(CohortTable.Build(await ClinicAnalytics.Load(session, cancellation), range.From, range.To));
}

public static class HeatmapEndpoint
{
    public static (DateRange?, IResult) Load(HttpRequest request) => DateRange.Read(request, required: false);

    [WolverineGet("/api/analytics/heatmap", Name = "GetTriggerHeatmap"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Urges by trigger × client-local hour of day (k = 11; a withheld cell is null)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Optional first UTC date")]
    [QueryParameter("to", typeof(DateOnly), "Optional last UTC date")]
    [ProducesResponseType<HeatmapView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([NotBody] DateRange range, IQuerySession session, CancellationToken cancellation) =>
        TypedResults.Ok(OtherStatistics.Heatmap(await ClinicAnalytics.Load(session, cancellation), range.From, range.To));
}

public static class CopingEndpoint
{
    public static (DateRange?, IResult) Load(HttpRequest request) => DateRange.Read(request, required: false);

    [WolverineGet("/api/analytics/coping", Name = "GetCopingRates"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Coping strategies: uses and share resisted (k = 11)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Optional first UTC date")]
    [QueryParameter("to", typeof(DateOnly), "Optional last UTC date")]
    [ProducesResponseType<CopingView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([NotBody] DateRange range, IQuerySession session, CancellationToken cancellation) =>
        TypedResults.Ok(OtherStatistics.Coping(await ClinicAnalytics.Load(session, cancellation), range.From, range.To));
}

public static class SurvivalEndpoint
{
    [WolverineGet("/api/analytics/survival", Name = "GetSurvival"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Kaplan–Meier time to first inner-circle lapse (k = 11)"), Tags("Analytics")]
    [ProducesResponseType<SurvivalView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
        TypedResults.Ok(OtherStatistics.Survival(await ClinicAnalytics.Load(session, cancellation), clock.GetUtcNow()));
}

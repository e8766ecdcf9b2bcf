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

/// <summary>A from–to pair of UTC dates from the query string.</summary>
public static class DateRange
{
    public static (DateOnly From, DateOnly To, IResult? Problem) Parse(IQueryCollection query, bool required)
    {
        var errors = new ValidationErrors();
        var from = Date(query, "from", required, errors) ?? DateOnly.MinValue;
        var to = Date(query, "to", required, errors) ?? DateOnly.MaxValue;
        if (!errors.Any && from > to) errors.Add("to", "Must not be before from.");
        return (from, to, errors.Any ? Problems.Validation(errors.ToDictionary()) : null);
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
    [WolverineGet("/api/analytics/cohort", Name = "GetCohort"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("De-identified weekly cohort statistics (k = 11)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Required: first UTC date, inclusive")]
    [QueryParameter("to", typeof(DateOnly), "Required: last UTC date, inclusive")]
    [ProducesResponseType<CohortView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpRequest request, IQuerySession session, CancellationToken cancellation)
    {
        var (from, to, problem) = DateRange.Parse(request.Query, required: true);
        if (problem is not null) return problem;
        return TypedResults.Ok(CohortTable.Build(await ClinicAnalytics.Load(session, cancellation), from, to));
    }
}

public static class HeatmapEndpoint
{
    [WolverineGet("/api/analytics/heatmap", Name = "GetTriggerHeatmap"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Urges by trigger × client-local hour of day (k = 11; a withheld cell is null)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Optional first UTC date")]
    [QueryParameter("to", typeof(DateOnly), "Optional last UTC date")]
    [ProducesResponseType<HeatmapView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpRequest request, IQuerySession session, CancellationToken cancellation)
    {
        var (from, to, problem) = DateRange.Parse(request.Query, required: false);
        if (problem is not null) return problem;
        return TypedResults.Ok(OtherStatistics.Heatmap(await ClinicAnalytics.Load(session, cancellation), from, to));
    }
}

public static class CopingEndpoint
{
    [WolverineGet("/api/analytics/coping", Name = "GetCopingRates"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Coping strategies: uses and share resisted (k = 11)"), Tags("Analytics")]
    [QueryParameter("from", typeof(DateOnly), "Optional first UTC date")]
    [QueryParameter("to", typeof(DateOnly), "Optional last UTC date")]
    [ProducesResponseType<CopingView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpRequest request, IQuerySession session, CancellationToken cancellation)
    {
        var (from, to, problem) = DateRange.Parse(request.Query, required: false);
        if (problem is not null) return problem;
        return TypedResults.Ok(OtherStatistics.Coping(await ClinicAnalytics.Load(session, cancellation), from, to));
    }
}

public static class SurvivalEndpoint
{
    [WolverineGet("/api/analytics/survival", Name = "GetSurvival"), Authorize(Roles = Allow.Analyst)]
    [EndpointSummary("Kaplan–Meier time to first inner-circle lapse (k = 11)"), Tags("Analytics")]
    [ProducesResponseType<SurvivalView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
        TypedResults.Ok(OtherStatistics.Survival(await ClinicAnalytics.Load(session, cancellation), clock.GetUtcNow()));
}

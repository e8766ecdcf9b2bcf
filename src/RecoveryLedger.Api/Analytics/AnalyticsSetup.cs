using JasperFx.Events.Projections;
using Marten;

namespace RecoveryLedger.Api.Analytics;

public static class AnalyticsSetup
{
    public const int PageSize = 32000;

    public static StoreOptions ConfigureAnalytics(this StoreOptions opts, Pseudonyms pseudonyms)
    {
        opts.Projections.Add(new AnalyticsProjection(pseudonyms), ProjectionLifecycle.Async, AnalyticsProjection.Name, options =>
        {
            options.DeleteViewTypeOnTeardown<ClientAnalytics>();
            // Large pages: each client's document is loaded and rewritten once per page, and a backlog is
            // digested in fewer, fuller pages (docs/performance.md measured the page size).
            options.BatchSize = PageSize;
        });
        return opts;
    }

    public static Pseudonyms PseudonymsFor(WebApplicationBuilder builder) =>
        Pseudonyms.From(builder.Configuration.GetSection(AnalyticsOptions.Section).Get<AnalyticsOptions>() ?? new AnalyticsOptions(),
            builder.Environment.IsDevelopment());
}

using JasperFx.Events.Projections;
using Marten;

namespace RecoveryLedger.Api.Analytics;

public static class AnalyticsSetup
{
    public static StoreOptions ConfigureAnalytics(this StoreOptions opts, Pseudonyms pseudonyms)
    {
        opts.Projections.Add(new AnalyticsProjection(pseudonyms), ProjectionLifecycle.Async, AnalyticsProjection.Name,
            options => options.DeleteViewTypeOnTeardown<ClientAnalytics>());
        return opts;
    }

    public static Pseudonyms PseudonymsFor(WebApplicationBuilder builder) =>
        Pseudonyms.From(builder.Configuration.GetSection(AnalyticsOptions.Section).Get<AnalyticsOptions>() ?? new AnalyticsOptions(),
            builder.Environment.IsDevelopment());
}

using RecoveryLedger.Api.Hosting;
using JasperFx.CommandLine;
using Marten;
using RecoveryLedger.Api.Hosting.CommandLine;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Analytics.Exporting;

public sealed class AnalyticsInput : NetCoreInput
{
    [Description("What to do: export")]
    public string Action { get; set; } = "export";

    [Description("The clinic (tenant) whose cohort to export")]
    public string TenantFlag { get; set; } = "";

    [Description("First UTC date, YYYY-MM-DD (inclusive)")]
    public string FromFlag { get; set; } = "";

    [Description("Last UTC date, YYYY-MM-DD (inclusive)")]
    public string ToFlag { get; set; } = "";

    [Description("csv or parquet")]
    public string FormatFlag { get; set; } = "csv";

    [Description("The file to write")]
    public string OutFlag { get; set; } = "";
}

/// <summary>
/// <c>analytics export --tenant clinic-a --from 2026-01-05 --to 2026-03-29 --format csv|parquet --out FILE</c>:
/// writes the de-identified weekly cohort table (k = 11 applied) of one clinic.
/// </summary>
[Description("Exports de-identified analytics: analytics export --tenant T --from D --to D --format csv|parquet --out FILE", Name = "analytics")]
public sealed class AnalyticsCommand : JasperFxAsyncCommand<AnalyticsInput>
{
    public override async Task<bool> Execute(AnalyticsInput input)
    {
        using var host = input.BuildHost();
        if (host.Services.GetRequiredService<ClinicDatabases>().Refusal(input.TenantFlag) is { } unserved)
        {
            Console.Error.WriteLine(unserved);
            return false;
        }
        return await Export(host.Services.GetRequiredService<IDocumentStore>(), input, Console.Error, null, CancellationToken.None);
    }

    public static async Task<bool> Export(IDocumentStore store, AnalyticsInput input, TextWriter errors, TextWriter? progress,
        CancellationToken cancellation)
    {
        if (Refusal(input, out var from, out var to) is { } refusal)
        {
            await errors.WriteLineAsync(refusal);
            return false;
        }
        await JobProgress.Run("analytics export", 3, async step =>
        {
            await using var session = store.QuerySession(input.TenantFlag);
            var clients = await ClinicAnalytics.Load(session, cancellation);
            step($"read {clients.Count} de-identified client records");
            var view = CohortTable.Build(clients, from, to);
            step($"built {view.Weeks.Count} weeks");
            await using var file = File.Create(input.OutFlag);
            await CohortExport.Write(view, input.FormatFlag, file, cancellation);
            step($"wrote {input.FormatFlag} to {input.OutFlag}");
        }, progress);
        return true;
    }

    private static string? Refusal(AnalyticsInput input, out DateOnly from, out DateOnly to)
    {
        var dates = DateArguments.Parse(input.FromFlag, input.ToFlag, out from, out to);
        return input.Action != "export" ? $"Unknown action '{input.Action}': use export."
            : !TokenClaims.IsWellFormedTenant(input.TenantFlag) ? "--tenant must name the clinic ([a-z0-9-]{1,63})."
            : dates is not null ? dates
            : !CohortExport.Formats.Contains(input.FormatFlag) ? "--format must be csv or parquet."
            : string.IsNullOrWhiteSpace(input.OutFlag) ? "--out must name the file to write."
            : null;
    }
}

using RecoveryLedger.Api.Hosting;
using JasperFx.CommandLine;
using Marten;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Hosting.CommandLine;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Replaying;

public sealed class AlertsInput : NetCoreInput
{
    [Description("What to do: replay")]
    public string Action { get; set; } = "replay";

    [Description("The rule set to replay: v1 or v2 (default: v2, the one in force)")]
    public string RulesFlag { get; set; } = $"v{AlertRules.Current}";

    [Description("The clinic (tenant) whose history to replay")]
    public string TenantFlag { get; set; } = "";

    [Description("First UTC date of entries to judge, YYYY-MM-DD")]
    public string FromFlag { get; set; } = "";

    [Description("Last UTC date of entries to judge, YYYY-MM-DD")]
    public string ToFlag { get; set; } = "";
}

/// <summary>
/// <c>alerts replay --rules v2 --tenant clinic-a --from D --to D</c>: replays the rule set (v1 or v2, default
/// the one in force) over the clinic's history in shadow (nothing raised, nothing sent) and prints the alerts
/// per client-week by rule and the totals of the set's rules; clients appear as keyed pseudonyms.
/// </summary>
[Description("Shadow-replays alert rules over history: alerts replay --rules v1|v2 --tenant T --from D --to D", Name = "alerts")]
public sealed class AlertsCommand : JasperFxAsyncCommand<AlertsInput>
{
    public override async Task<bool> Execute(AlertsInput input)
    {
        using var host = input.BuildHost();
        if (host.Services.GetRequiredService<ClinicDatabases>().Refusal(input.TenantFlag) is { } unserved)
        {
            Console.Error.WriteLine(unserved);
            return false;
        }
        return await Replay(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<Pseudonyms>(),
            input, Console.Out, Console.Error, null, CancellationToken.None);
    }

    public static async Task<bool> Replay(IDocumentStore store, Pseudonyms pseudonyms, AlertsInput input, TextWriter output,
        TextWriter errors, TextWriter? progress, CancellationToken cancellation)
    {
        if (Refusal(input, out var ruleSet, out var from, out var to) is { } refusal)
        {
            await errors.WriteLineAsync(refusal);
            return false;
        }
        await using var session = store.QuerySession(input.TenantFlag);
        var clients = await session.Query<Journey>().Select(j => j.Id).ToListAsync(cancellation);
        var rows = new List<(Guid Client, ShadowTrigger Trigger)>();
        await JobProgress.Run($"alerts replay {input.RulesFlag}", clients.Count, async step =>
        {
            foreach (var clientId in clients)
            {
                var events = await session.Events.FetchStreamAsync(clientId, token: cancellation);
                rows.AddRange(ShadowReplay.Replay(events.Select(e => e.Data).ToList(), from, to, ruleSet)
                    .Select(t => (pseudonyms.Of(input.TenantFlag, clientId), t)));
                step($"{rows.Count} alerts so far");
            }
        }, progress);

        await output.WriteLineAsync($"Shadow replay of rule set {input.RulesFlag} over {clients.Count} clients, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: nothing raised, nothing sent.");
        await output.WriteLineAsync("client (pseudonym) | week | rule | alerts");
        foreach (var g in rows.GroupBy(r => (r.Client, r.Trigger.WeekStart, r.Trigger.Rule)).OrderBy(g => g.Key.WeekStart).ThenBy(g => g.Key.Client).ThenBy(g => g.Key.Rule))
            await output.WriteLineAsync($"{g.Key.Client.ToString("N")[..12]} | {g.Key.WeekStart:yyyy-MM-dd} | {g.Key.Rule} | {g.Count()}");
        foreach (var rule in AlertRules.Of(ruleSet))
            await output.WriteLineAsync($"total {rule}: {rows.Count(r => r.Trigger.Rule == rule)}");
        return true;
    }

    private static string? Refusal(AlertsInput input, out int ruleSet, out DateOnly from, out DateOnly to)
    {
        var dates = DateArguments.Parse(input.FromFlag, input.ToFlag, out from, out to);
        ruleSet = input.RulesFlag switch { "v1" => AlertRules.V1, "v2" => AlertRules.V2, _ => 0 };
        return input.Action != "replay" ? $"Unknown action '{input.Action}': use replay."
            : ruleSet == 0 ? $"Unknown rule set '{input.RulesFlag}': use v1 or v2."
            : !TokenClaims.IsWellFormedTenant(input.TenantFlag) ? "--tenant must name the clinic ([a-z0-9-]{1,63})."
            : dates is not null ? dates
            : null;
    }
}

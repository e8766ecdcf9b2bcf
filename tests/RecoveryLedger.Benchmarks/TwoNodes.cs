using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace RecoveryLedger.Benchmarks;

public sealed record TwoNodeResult(double SpreadSeconds, int AgentsOnFirst, int AgentsOnSecond, string KilledHeld,
    double FailoverSeconds, bool AlertAfterFailover)
{
    public bool Holds => AgentsOnFirst > 0 && AgentsOnSecond > 0 && AlertAfterFailover;
}

/// <summary>
/// Two nodes on one database with <c>AsyncWork:Mode=Distributed</c>: Wolverine must spread the async work (the
/// alert pipeline, analytics) over both, and when the node running the alert pipeline is killed, an inner lapse
/// sent to the survivor must still raise its alert. Failover is the time from the kill to that alert; the goal is
/// 30 s, and the drill fails past 90 s or when the work was not spread at all.
/// </summary>
public sealed class TwoNodes(Service service, NpgsqlDataSource database)
{
    private static readonly Dictionary<string, string> Distributed = new() { ["AsyncWork__Mode"] = "Distributed" };

    public async Task<(TwoNodeResult Result, DrillResult Rolling, ChildProcess Running)> Run(ChildProcess single)
    {
        await single.Stop();
        await single.DisposeAsync();
        var (first, _) = await service.Start(Distributed);
        var firstUrl = service.BaseUrl;
        var (second, _) = await service.Start(Distributed);
        var secondUrl = service.BaseUrl;

        var sw = Stopwatch.StartNew();
        List<(Guid Node, int Number, string Agent)> assignments = [];
        while (sw.Elapsed < TimeSpan.FromSeconds(90))
        {
            assignments = await Assignments();
            if (assignments.Select(a => a.Node).Distinct().Count() >= 2 && assignments.Any(a => a.Agent.Contains("journeyalerts"))) break;
            await Task.Delay(250);
        }
        var spread = sw.Elapsed.TotalSeconds;
        var numbers = assignments.Select(a => a.Number).Distinct().Order().ToList();
        var onFirst = numbers.Count > 0 ? assignments.Count(a => a.Number == numbers[0]) : 0;
        var onSecond = numbers.Count > 1 ? assignments.Count(a => a.Number == numbers[1]) : 0;
        if (numbers.Count < 2) service.Failures.Add($"two nodes: the async work stayed on one node ({string.Join(", ", assignments.Select(a => a.Agent))})");

        // Kill the node that runs the alert pipeline (node numbers follow the order the nodes started in).
        var pipelineOnFirst = assignments.FirstOrDefault(a => a.Agent.Contains("journeyalerts")).Number == numbers.FirstOrDefault();
        var (victim, survivor, survivorUrl) = pipelineOnFirst ? (first, second, secondUrl) : (second, first, firstUrl);
        var killedHeld = string.Join(" ", assignments.Where(a => a.Number == (pipelineOnFirst ? numbers[0] : numbers.ElementAtOrDefault(1)))
            .Select(a => a.Agent.Split('/')[^2]));
        victim.Kill();
        await victim.DisposeAsync();
        service.BaseUrl = survivorUrl;
        sw.Restart();
        var alerted = await LapseRaisesAlert(TimeSpan.FromSeconds(90));
        var failover = sw.Elapsed.TotalSeconds;
        if (!alerted) service.Failures.Add("two nodes: no alert within 90 s of killing the node that ran the alert pipeline");

        var result = new TwoNodeResult(spread, onFirst, onSecond, killedHeld, failover, alerted);
        Console.Error.WriteLine($"  two nodes: work spread in {spread:0.0} s ({onFirst} agents on one node, {onSecond} on the other); " +
                                $"killed the node running {killedHeld}; an alert through the survivor after {failover:0.0} s");

        // A replacement joins, then both nodes are restarted one after the other while writers sync through
        // whichever node is up: nothing acknowledged may be lost, nothing stored twice.
        var nodes = new List<(ChildProcess Process, string Url)> { (survivor, survivorUrl) };
        var (replacement, _) = await service.Start(Distributed);
        nodes.Add((replacement, service.BaseUrl));
        var rolling = await new Drills(service, database).Run("rolling restart of two nodes under load", 8, TimeSpan.FromSeconds(2), async () =>
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                service.BaseUrl = nodes[1 - i].Url;
                await nodes[i].Process.Stop();
                await nodes[i].Process.DisposeAsync();
                var (restarted, _) = await service.Start(Distributed);
                nodes[i] = (restarted, service.BaseUrl);
            }
        }, () => Task.CompletedTask);
        foreach (var node in nodes)
        {
            await node.Process.Stop();
            await node.Process.DisposeAsync();
        }
        var (next, _) = await service.Start();
        return (result, rolling, next);
    }

    private async Task<List<(Guid, int, string)>> Assignments()
    {
        var list = new List<(Guid, int, string)>();
        await using var command = database.CreateCommand("""
            select a.node_id, n.node_number, a.id from recoveryledger.wolverine_node_assignments a
            join recoveryledger.wolverine_nodes n on n.id = a.node_id where a.id like 'event-subscriptions://%'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2).ToLowerInvariant()));
        return list;
    }

    /// <summary>An inner lapse of a new client, then GET /api/alerts until its alert shows (or the time is up).</summary>
    private async Task<bool> LapseRaisesAlert(TimeSpan within)
    {
        var clientId = Guid.NewGuid();
        var sw = Stopwatch.StartNew();
        string token;
        while (true)
        {
            try { token = await service.Enrol(clientId, DateTimeOffset.UtcNow.AddDays(-30)); break; }
            catch (Exception) when (sw.Elapsed < within) { await Task.Delay(250); }
        }
        var body = Service.InnerLapse();
        if (!await service.Append(clientId, token, body, 1, "two nodes: lapse")) return false;
        while (sw.Elapsed < within)
        {
            using var response = await service.Http.SendAsync(service.Request(HttpMethod.Get, $"/api/alerts?clientId={clientId}", service.ClinicianToken));
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (doc.RootElement.GetProperty("alerts").GetArrayLength() > 0) return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}

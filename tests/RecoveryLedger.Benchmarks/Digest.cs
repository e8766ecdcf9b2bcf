using System.Diagnostics;
using Npgsql;

namespace RecoveryLedger.Benchmarks;

public sealed record DigestResult(string Mix, int Clients, int Batch, long Events, double AlertsSeconds, double AlertsEventsPerSecond,
    double AnalyticsSeconds, double AnalyticsEventsPerSecond, bool CaughtUp, double AlertsFromReadyPerSecond, double AnalyticsFromReadyPerSecond)
{
    /// <summary>The async work digests as fast as its slowest part.</summary>
    public double EventsPerSecond => Math.Min(AlertsEventsPerSecond, AnalyticsEventsPerSecond);
}

/// <summary>
/// How fast the async work (the alert pipeline, the analytics projection) digests a backlog: the service
/// is started without async work (<c>AsyncWork__Mode=Disabled</c>) while clients append, then restarted
/// normally, and each subscription's progress (<c>mt_event_progression</c>) is polled every 10 ms. The rate is
/// the events after its first committed page divided by the time from that commit to the last event (the
/// first page's loading and the host's start-up are left out; the backlog spans several pages); the rate
/// from the service being ready, start-up included, is reported beside it.
/// The backlog has the shape of the sustained-ingest cell (50-entry batches from 32 clients).
/// </summary>
public sealed class Digest(Service service, NpgsqlDataSource database)
{
    public const string GeneratorMix = "generator's mix";
    public const string UrgeMix = "check-ins and strong urges";

    public async Task<(DigestResult Result, ChildProcess Running)> Run(string mix, int entries, int clients = 32, int batch = 50)
    {
        var (node, _) = await service.Start(new Dictionary<string, string> { ["AsyncWork__Mode"] = "Disabled" });
        var perClient = Math.Max(batch, entries / clients / batch * batch);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var id = Guid.NewGuid();
            var token = await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-120));
            var list = mix == GeneratorMix ? service.Entries(c * perClient, perClient) : Urges(perClient);
            foreach (var chunk in list.Chunk(batch))
                if (!await service.Append(id, token, Service.Body(chunk), chunk.Length, $"digest backlog ({mix})"))
                    throw new InvalidOperationException("building the backlog failed: " + string.Join("\n", service.Failures.All));
        })));
        await node.DisposeAsync();

        var target = await Scalar("select coalesce(max(seq_id), 0) from recoveryledger.mt_events");
        var alertsFrom = await Progress("JourneyAlerts:All");
        var analyticsFrom = await Progress("Analytics:All");
        var (running, _) = await service.Start();
        var alerts = new Follow(alertsFrom, target);
        var analytics = new Follow(analyticsFrom, target);
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(10) && !(alerts.Done && analytics.Done))
        {
            alerts.Observe(await Progress("JourneyAlerts:All"), sw.Elapsed);
            analytics.Observe(await Progress("Analytics:All"), sw.Elapsed);
            await Task.Delay(10);
        }
        var result = new DigestResult(mix, clients, batch, target - Math.Min(alertsFrom, analyticsFrom), alerts.Seconds, alerts.Rate,
            analytics.Seconds, analytics.Rate, alerts.Done && analytics.Done, alerts.FromReady, analytics.FromReady);
        Console.Error.WriteLine($"  digest ({mix}): {result.Events:#,0} events; alert pipeline {Text.Rate(result.AlertsEventsPerSecond)}/s " +
                                $"({Text.Rate(result.AlertsFromReadyPerSecond)}/s from ready), analytics {Text.Rate(result.AnalyticsEventsPerSecond)}/s " +
                                $"({Text.Rate(result.AnalyticsFromReadyPerSecond)}/s from ready)");
        if (!result.CaughtUp) service.Failures.Add($"digest ({mix}): the async work did not catch up within 10 minutes");
        return (result, running);
    }

    /// <summary>A client's phone syncing check-ins and strong urges, alternating, over the last 60 days.</summary>
    private static List<Dictionary<string, object?>> Urges(int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-60);
        var step = TimeSpan.FromDays(59) / count;
        return Enumerable.Range(0, count).Select(i => i % 2 == 0
            ? new Dictionary<string, object?>
            {
                ["id"] = Guid.NewGuid(), ["kind"] = "check-in", ["occurredAt"] = start + step * i, ["mood"] = 2, ["craving"] = 3 + i % 7,
            }
            : new Dictionary<string, object?>
            {
                ["id"] = Guid.NewGuid(), ["kind"] = "urge", ["occurredAt"] = start + step * i, ["intensity"] = 7 + i % 4, ["triggers"] = new[] { "stress" },
            }).ToList();
    }

    private Task<long> Progress(string shard) => Scalar($"select coalesce(max(last_seq_id), 0) from recoveryledger.mt_event_progression where name = '{shard}'");

    private async Task<long> Scalar(string sql)
    {
        await using var c = database.CreateCommand(sql);
        return Convert.ToInt64(await c.ExecuteScalarAsync());
    }

    /// <summary>One shard's progress: throughput after its first committed page, and from the service being ready.</summary>
    private sealed class Follow(long from, long target)
    {
        private (long Position, TimeSpan At)? _first;
        private TimeSpan _done;
        private long _at = long.MinValue;
        public bool Done => Math.Max(_at, from) >= target;

        public void Observe(long position, TimeSpan elapsed)
        {
            if (Done) return;
            if (position > from && _first is null && position < target) _first = (position, elapsed);
            _at = position;
            if (Done) _done = elapsed;
        }

        public double Seconds => Done && _first is { } first ? Math.Max((_done - first.At).TotalSeconds, 0.001) : double.NaN;
        public double Rate => Done && _first is { } first ? (target - first.Position) / Seconds : double.NaN;
        public double FromReady => Done ? (target - from) / Math.Max(_done.TotalSeconds, 0.001) : double.NaN;
    }
}

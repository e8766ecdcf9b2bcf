using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace RecoveryLedger.Benchmarks;

public sealed record DrillResult(string Name, int Writers, double LoadSeconds, int BatchesAnswered, int BatchesUnanswered,
    int AnsweredNot2xx, long EntriesStoredBefore, int AcknowledgedLost, int PartialBatches, long ResendAccepted, long ResendDuplicates,
    long StoredTwice, long DuplicateActiveAlerts, double StopSeconds, double ReadySeconds)
{
    public bool Holds => AcknowledgedLost == 0 && PartialBatches == 0 && AnsweredNot2xx == 0 && StoredTwice == 0 && DuplicateActiveAlerts == 0;
}

/// <summary>
/// Failure drills against the real service process: <c>kill -9</c> or SIGTERM while writers sync 50-entry
/// batches, then a restart. Every acknowledged batch must be stored, every unanswered batch all or nothing,
/// a full resend must store nothing twice, and each client must have at most one active alert per rule.
/// The counts must be exact; timings only fail past generous ceilings (60 s to ready, 30 s to exit).
/// </summary>
public sealed class Drills(Service service, NpgsqlDataSource database)
{
    private sealed record Batch(Guid ClientId, string Token, Guid[] Ids, byte[] Body)
    {
        public int? Status { get; set; }
    }

    /// <summary>kill -9 (or SIGTERM) of the one running node under load, then a restart.</summary>
    public async Task<(DrillResult Result, ChildProcess Running)> Run(string name, bool crash, ChildProcess running, int writers, TimeSpan load)
    {
        ChildProcess? next = null;
        double stopSeconds = 0, readySeconds = 0;
        var result = await Run(name, writers, load, async () =>
        {
            var sw = Stopwatch.StartNew();
            if (crash) running.Kill(); else await running.Stop();
            stopSeconds = sw.Elapsed.TotalSeconds;
            if (!crash && stopSeconds > 30) service.Failures.Add($"{name}: the service took {stopSeconds:0.0} s to stop on SIGTERM (ceiling 30 s)");
        }, async () =>
        {
            await running.DisposeAsync();
            var sw = Stopwatch.StartNew();
            (next, _) = await service.Start();
            readySeconds = sw.Elapsed.TotalSeconds;
        });
        return (result with { StopSeconds = stopSeconds, ReadySeconds = readySeconds }, next!);
    }

    /// <summary>
    /// Writers sync until <paramref name="disrupt"/> has run (after <paramref name="load"/>) and half a second more;
    /// then <paramref name="recover"/> brings the service back (at <c>service.BaseUrl</c>) and the checks run.
    /// </summary>
    public async Task<DrillResult> Run(string name, int writers, TimeSpan load, Func<Task> disrupt, Func<Task> recover,
        int? expectedError = null)
    {
        var clients = new List<(Guid Id, string Token)>();
        for (var i = 0; i < writers; i++)
        {
            var id = Guid.NewGuid();
            clients.Add((id, await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-120))));
        }

        var batches = new ConcurrentQueue<Batch>();
        using var stop = new CancellationTokenSource();
        var writing = clients.Select((client, w) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var entries = service.Entries((w * 997 + n * 50) % 5_000, 50);
                var batch = new Batch(client.Id, client.Token, entries.Select(e => (Guid)e["id"]!).ToArray(), Service.Body(entries));
                batches.Enqueue(batch);
                try
                {
                    using var response = await service.Http.SendAsync(service.Request(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Token, batch.Body));
                    batch.Status = (int)response.StatusCode;
                    if (!response.IsSuccessStatusCode) await Task.Delay(50); // as a client backs off (Retry-After)
                }
                catch (Exception)
                {
                    // No answer: the connection was refused or cut. The batch must be stored whole or not at all.
                    if (stop.IsCancellationRequested) return;
                    await Task.Delay(50);
                }
            }
        })).ToList();

        await Task.Delay(load);
        await disrupt();
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(writing);
        await recover();

        var all = batches.ToList();
        var sent = all.SelectMany(b => b.Ids).ToHashSet();
        var stored = (await StoredIds(clients.Select(c => c.Id).ToArray())).Where(sent.Contains).ToHashSet(); // entries, not enrolments
        var acknowledgedLost = all.Count(b => b.Status is >= 200 and < 300 && b.Ids.Any(id => !stored.Contains(id)));
        // A batch answered with the expected error is normally not stored; it is stored (whole) when the connection
        // broke after PostgreSQL committed but before the answer came back: the resend, idempotent, settles it.
        var erredButStored = expectedError is { } e ? all.Count(b => b.Status == e && b.Ids.All(stored.Contains)) : 0;
        if (erredButStored > 0)
            Console.Error.WriteLine($"  {name}: {erredButStored} batches answered {expectedError} had committed (the answer was lost with the connection)");
        var partial = all.Count(b => b.Ids.Count(stored.Contains) is > 0 and < 50);
        bool Unexpected(Batch b) => b.Status is not null and not (>= 200 and < 300) && b.Status != expectedError;
        var not2xx = all.Count(Unexpected);
        foreach (var b in all.Where(Unexpected)) service.Failures.Add($"{name}: a batch was answered {b.Status}");
        if (expectedError is { } expected)
            Console.Error.WriteLine($"  {name}: {all.Count(b => b.Status == expected)} batches answered {expected} (expected while disrupted)");

        long accepted = 0, duplicates = 0;
        foreach (var batch in all)
        {
            using var response = await service.Http.SendAsync(service.Request(HttpMethod.Post, $"/api/clients/{batch.ClientId}/entries", batch.Token, batch.Body));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) { service.Failures.Add($"{name}: resend answered {(int)response.StatusCode}"); continue; }
            using var doc = JsonDocument.Parse(text);
            accepted += doc.RootElement.GetProperty("accepted").GetInt32();
            duplicates += doc.RootElement.GetProperty("duplicates").GetInt32();
        }
        if (duplicates != stored.Count) service.Failures.Add($"{name}: the resend found {duplicates} duplicates, {stored.Count} entries were stored");

        await Daemon.CatchUp(database, $"{name} checks", TimeSpan.FromSeconds(120));
        var ids = clients.Select(c => c.Id).ToArray();
        var storedTwice = await Scalar("""
            select count(*) - count(distinct (client_id, item_id)) from recoveryledger.timeline_item where client_id = any($1)
            """, ids) + await Scalar("""
            select coalesce(sum(n - 1), 0) from (select count(*) n from recoveryledger.mt_events
            where stream_id = any($1) and data ? 'EntryId' group by stream_id, data->>'EntryId') per_entry
            """, ids);
        var duplicateAlerts = await Scalar("""
            select count(*) from (select client_id, rule from recoveryledger.mt_doc_alert
            where client_id = any($1) and status <> 'resolved' group by client_id, rule having count(*) > 1) twice
            """, ids);

        var result = new DrillResult(name, writers, load.TotalSeconds, all.Count(b => b.Status is not null), all.Count(b => b.Status is null),
            not2xx, stored.Count, acknowledgedLost, partial, accepted, duplicates, storedTwice, duplicateAlerts, 0, 0);
        if (!result.Holds) service.Failures.Add($"{name}: {result}");
        Console.Error.WriteLine($"  {name}: {result.BatchesAnswered} batches answered, {result.BatchesUnanswered} unanswered; " +
                                $"{stored.Count:#,0} entries stored; lost {acknowledgedLost}, partial {partial}, stored twice {storedTwice}, " +
                                $"duplicate active alerts {duplicateAlerts}; resend {accepted:#,0} accepted / {duplicates:#,0} duplicates");
        return result;
    }

    private async Task<HashSet<Guid>> StoredIds(Guid[] clients)
    {
        var ids = new HashSet<Guid>();
        await using var command = database.CreateCommand("select item_id from recoveryledger.timeline_item where client_id = any($1)");
        command.Parameters.AddWithValue(clients);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<long> Scalar(string sql, Guid[] clients)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(clients);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

/// <summary>
/// The database goes away for a few seconds under load (a relay between the service and PostgreSQL is cut):
/// every answer meanwhile must be a 503 (never a 500), nothing answered 503 may be stored, and the service must
/// serve again by itself once the database is back.
/// </summary>
public sealed class OutageDrill(Service service, NpgsqlDataSource database)
{
    public async Task<(DrillResult Result, ChildProcess Running)> Run(ChildProcess single, TimeSpan outage)
    {
        await single.Stop();
        await single.DisposeAsync();
        var target = new NpgsqlConnectionStringBuilder(service.ConnectionString);
        await using var relay = new RecoveryLedger.Tests.Support.CuttableProxy(target.Host!, target.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(service.ConnectionString) { Host = "127.0.0.1", Port = relay.Port }.ConnectionString;
        var (node, _) = await service.Start(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = viaRelay });
        double backSeconds = 0;
        var result = await new Drills(service, database).Run($"database away {outage.TotalSeconds:0} s under load", 16, TimeSpan.FromSeconds(2), async () =>
        {
            relay.Cut();
            await Task.Delay(outage);
            relay.Restore();
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var ready = await service.Http.GetAsync(service.BaseUrl + "/health/ready");
                    if (ready.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                await Task.Delay(50);
            }
            backSeconds = sw.Elapsed.TotalSeconds;
            if (backSeconds >= 60) service.Failures.Add("database outage: not ready within 60 s of the database coming back");
        }, () => Task.CompletedTask, expectedError: 503);
        Console.Error.WriteLine($"  database outage: ready again {backSeconds:0.0} s after the database came back");
        await node.Stop();
        await node.DisposeAsync();
        var (next, _) = await service.Start();
        return (result with { ReadySeconds = backSeconds }, next);
    }
}

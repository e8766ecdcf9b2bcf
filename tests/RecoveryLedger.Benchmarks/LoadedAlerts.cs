using System.Diagnostics;
using System.Text.Json;

namespace RecoveryLedger.Benchmarks;

public sealed record LoadedAlertResult(int Writers, int Batch, double IngestEntriesPerSecond, AlertResult Safety, AlertResult Lapse,
    int LapsesNotSeen, double PatienceSeconds);

/// <summary>
/// Alert latency while 32 clients sync 50-entry batches as fast as the service takes them: other clients
/// report a safety concern (decided with the append) or an inner lapse (decided by the pipeline), one at a
/// time, each followed until its alert shows in GET /api/alerts (polled every 5 ms). A safety alert that does
/// not show is a failure; a lapse alert that does not show within <c>patience</c> is counted (the pipeline
/// is behind the load) — a figure, not an error.
/// </summary>
public sealed class LoadedAlerts(Service service)
{
    public async Task<LoadedAlertResult> Run(int samples, TimeSpan patience, int writers = 32, int batch = 50)
    {
        using var stop = new CancellationTokenSource();
        long appended = 0;
        var clients = new List<(Guid Id, string Token)>();
        for (var w = 0; w < writers; w++)
        {
            var id = Guid.NewGuid();
            clients.Add((id, await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-400))));
        }
        var load = clients.Select((client, w) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                if (await service.Append(client.Id, client.Token, Service.Body(service.Entries((w * 1000 + i) * batch, batch)), batch, "alerts under load"))
                    Interlocked.Add(ref appended, batch);
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2)); // the load settles
        var from = Interlocked.Read(ref appended);
        var sw = Stopwatch.StartNew();
        var safety = new Samples();
        var lapse = new Samples();
        int safetyErrors = 0, lapsesNotSeen = 0;
        for (var i = 0; i < samples; i++)
        {
            if (await Probe("check-in", new() { ["mood"] = 1, ["craving"] = 9, ["safetyConcern"] = true }, TimeSpan.FromSeconds(60)) is { } s) safety.Add(s);
            else
            {
                safetyErrors++;
                service.Failures.Add("safety check-in under load: no alert within 60 s");
            }
            if (await Probe("lapse", new() { ["circle"] = "inner" }, patience) is { } l) lapse.Add(l); else lapsesNotSeen++;
        }
        var rate = (Interlocked.Read(ref appended) - from) / sw.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var result = new LoadedAlertResult(writers, batch, rate,
            new AlertResult(safety.Count, safety.Percentile(50), safety.Percentile(99), safety.Max, safetyErrors),
            new AlertResult(lapse.Count, lapse.Percentile(50), lapse.Percentile(99), lapse.Max, 0), lapsesNotSeen, patience.TotalSeconds);
        Console.Error.WriteLine($"  alerts under load ({Text.Rate(rate)} entries/s): safety p99 {Text.Ms(result.Safety.P99Ms)} ms, " +
                                $"lapse p99 {Text.Ms(result.Lapse.P99Ms)} ms, {lapsesNotSeen} of {samples} lapse alerts not seen within {patience.TotalSeconds:0} s");
        return result;
    }

    /// <summary>A fresh client records one entry; milliseconds until its alert shows, or null.</summary>
    private async Task<double?> Probe(string kind, Dictionary<string, object?> fields, TimeSpan patience)
    {
        var clientId = Guid.NewGuid();
        var token = await service.Enrol(clientId, DateTimeOffset.UtcNow.AddDays(-30));
        var entry = new Dictionary<string, object?>(fields) { ["id"] = Guid.NewGuid(), ["kind"] = kind, ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-2) };
        var start = Stopwatch.GetTimestamp();
        if (!await service.Append(clientId, token, Service.Body([entry]), 1, $"{kind} under load")) return null;
        while (Stopwatch.GetElapsedTime(start) < patience)
        {
            using var response = await service.Http.SendAsync(service.Request(HttpMethod.Get, $"/api/alerts?clientId={clientId}", service.ClinicianToken));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                service.Failures.Add($"GET /api/alerts under load: HTTP {(int)response.StatusCode} {Service.Truncate(text)}");
                return null;
            }
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.GetProperty("alerts").GetArrayLength() > 0) return Samples.Since(start);
            await Task.Delay(5);
        }
        return null;
    }
}

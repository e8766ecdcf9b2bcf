using System.Diagnostics;

namespace RecoveryLedger.Benchmarks;

public sealed record SoakSample(double Minute, double ResidentMiB, long Requests, long Errors);

public sealed record SoakResult(double Minutes, int Writers, int Readers, long Requests, long Errors, List<SoakSample> Samples)
{
    /// <summary>Median resident set of the last third over that of the first third (1.0 = flat).</summary>
    public double Growth => Ratio(2, 0);

    /// <summary>Median resident set of the last third over that of the middle third: the trend once warmed up (JIT, pools).</summary>
    public double LateGrowth => Ratio(2, 1);

    private double Ratio(int third, int overThird)
    {
        var size = Samples.Count / 3;
        double Median(int t) => Samples.Skip(t * size).Take(size).Select(x => x.ResidentMiB).Order().ElementAt(size / 2);
        return size < 1 ? double.NaN : Median(third) / Median(overThird);
    }
}

/// <summary>
/// Mixed traffic for a while — writers syncing 10-entry batches, readers paging timelines, streaks, the inbox and
/// the caseload — sampling the service's resident memory and the errors every few seconds. Any non-2xx answer is a
/// failure; the memory is printed (a flat working set is the goal), never asserted.
/// </summary>
public sealed class Soak(Service service, ChildProcess running)
{
    /// <summary>
    /// A clinic as it is: <see cref="Clinicians"/> clinicians with <see cref="CaseloadSize"/> clients each. With one client
    /// per writer each journey took ~40,000 entries in ten minutes, and with one clinician over 200 clients every
    /// caseload read loaded 200 ever longer journeys — decades of a real client's journaling, and a caseload no
    /// clinician has — so the working set tracked the data, not the service.
    /// </summary>
    public const int Clinicians = 16, CaseloadSize = 40;

    public async Task<SoakResult> Run(TimeSpan duration, int writers = 8, int readers = 8)
    {
        var caseloads = Enumerable.Range(0, Clinicians).Select(_ => Guid.NewGuid()).Select(id => (Id: id, Token: service.Token("clinician", id))).ToList();
        var clients = new List<(Guid Id, string Token, string ClinicianToken)>();
        foreach (var clinician in caseloads)
            for (var i = 0; i < CaseloadSize; i++)
            {
                var id = Guid.NewGuid();
                clients.Add((id, await service.Enrol(id, DateTimeOffset.UtcNow.AddDays(-60), clinician.Token), clinician.Token));
            }
        long requests = 0, errors = 0;
        using var stop = new CancellationTokenSource(duration);
        async Task Send(HttpMethod method, string path, string token, byte[]? body = null)
        {
            try
            {
                using var response = await service.Http.SendAsync(service.Request(method, path, token, body), stop.Token);
                Interlocked.Increment(ref requests);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    service.Failures.Add($"soak: {method} {path.Split('?')[0]} answered {(int)response.StatusCode}");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
        var work = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var c = clients[(w + n * writers) % clients.Count];
                await Send(HttpMethod.Post, $"/api/clients/{c.Id}/entries", c.Token, Service.Body(service.Entries((w * 1_000 + n * 10) % 5_000, 10)));
                await Task.Delay(20);
            }
        })).Concat(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                // Each reader is a clinician at work: its caseload, then one client after another of it.
                var clinician = caseloads[(r + n / 40 * readers) % caseloads.Count];
                var client = clients[caseloads.IndexOf(clinician) * CaseloadSize + n % CaseloadSize];
                var path = (n % 4) switch
                {
                    0 => $"/api/clients/{client.Id}/timeline?limit=50",
                    1 => $"/api/clients/{client.Id}/streak",
                    2 => $"/api/alerts?clientId={client.Id}",
                    _ => "/api/caseload",
                };
                await Send(HttpMethod.Get, path, clinician.Token);
            }
        }))).ToList();

        var samples = new List<SoakSample>();
        var clock = Stopwatch.StartNew();
        var every = TimeSpan.FromSeconds(duration < TimeSpan.FromMinutes(2) ? 2 : 10);
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(every, stop.Token); } catch (OperationCanceledException) { }
            samples.Add(new SoakSample(clock.Elapsed.TotalMinutes, running.ResidentMiB(), Interlocked.Read(ref requests), Interlocked.Read(ref errors)));
        }
        await Task.WhenAll(work);
        var result = new SoakResult(duration.TotalMinutes, writers, readers, requests, errors, samples);
        Console.Error.WriteLine($"  soak: {requests:#,0} requests in {duration.TotalMinutes:0.#} min, {errors} errors; resident " +
                                $"{samples.FirstOrDefault()?.ResidentMiB:0} → {samples.LastOrDefault()?.ResidentMiB:0} MiB (last third ÷ first third {result.Growth:0.00}, ÷ middle third {result.LateGrowth:0.00})");
        return result;
    }
}

using System.Diagnostics;

namespace RecoveryLedger.Benchmarks;

public sealed record ExportResult(int Entries, double Megabytes, double Seconds, double BaselineMiB, double PeakMiB)
{
    /// <summary>How far the service's resident set rose while exporting, over the size of the export: far below 1 when streamed.</summary>
    public double GrowthOverSize => (PeakMiB - BaselineMiB) / Math.Max(Megabytes, 0.001);
}

/// <summary>
/// The JSON export of the read client's long journey, with the service's resident set sampled every 10 ms while it
/// is written: a journey held in memory would raise it by a multiple of the export's size; a streamed one barely.
/// </summary>
public sealed class Export(Service service, ChildProcess running)
{
    public async Task<ExportResult> Run(Guid clientId, string clientToken, int entries)
    {
        GC.KeepAlive(await Measure(clientId, clientToken)); // warm-up: JIT and pools, so the measured run shows the steady state
        var baseline = running.ResidentMiB();
        using var sampling = new CancellationTokenSource();
        var peak = baseline;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, running.ResidentMiB());
                try { await Task.Delay(10, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        var bytes = await Measure(clientId, clientToken);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var result = new ExportResult(entries, bytes / 1e6, seconds, baseline, peak);
        Console.Error.WriteLine($"  export: {entries:#,0} entries, {result.Megabytes:0.0} MB in {seconds:0.00} s; service resident " +
                                $"{baseline:0} → peak {peak:0} MiB ({result.GrowthOverSize:0.00} × the export's size)");
        return result;
    }

    private async Task<long> Measure(Guid clientId, string token)
    {
        using var response = await service.Http.SendAsync(service.Request(HttpMethod.Get, $"/api/clients/{clientId}/export", token),
            HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }
}

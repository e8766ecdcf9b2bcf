using JasperFx.CommandLine;
using Marten;
using RecoveryLedger.Api.Analytics;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// <c>rebuild</c>: every read model of every database rebuilt from the event log in one pass (<see cref="ReadModelRebuild"/>),
/// with the service stopped. <c>projections rebuild -p NAME</c> (Marten's) still rebuilds one projection on its own.
/// </summary>
[Description("Rebuilds every read model from the event log in one pass (run with the service stopped)", Name = "rebuild")]
public sealed class RebuildCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var store = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var rebuild = new ReadModelRebuild(store, host.Services.GetRequiredService<Pseudonyms>());
        foreach (var done in await rebuild.RunAsync(CancellationToken.None))
            Console.WriteLine($"{done.Database}: {done.Events:#,0} events read once in {done.Took.TotalSeconds:0.00} s; " +
                              $"{done.TimelineRows:#,0} timeline rows, {done.LapseMarks:#,0} lapse marks, {done.Snapshots:#,0} snapshots, " +
                              $"{done.AnalyticsDocuments:#,0} analytics documents ({done.Phases})");
        return true;
    }
}

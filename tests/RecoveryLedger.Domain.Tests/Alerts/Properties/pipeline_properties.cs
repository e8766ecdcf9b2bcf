using System.Collections.Concurrent;
using CsCheck;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Properties;

/// <summary>
/// The pipeline's way of deciding — safety at the append, the other rules per page with windowed history,
/// pages cutting batches anywhere — raises exactly the alerts of the one-by-one reference.
/// </summary>
public class pipeline_properties
{
    private const int Iterations = 1_000;

    [Fact]
    public void paging_and_windows_raise_what_the_reference_raises() =>
        AlertGenerators.Journey.Sample(journey => journey.Paged().Select(a => a.Key).ShouldBe(journey.Reference().Select(a => a.Key), journey.ToString()), iter: Iterations);

    /// <summary>Guards the property against passing vacuously: the generated journeys repeat every entry rule.</summary>
    [Fact]
    public void the_generated_journeys_repeat_every_entry_rule()
    {
        var repeated = new ConcurrentDictionary<string, int>();
        AlertGenerators.Journey.Sample(journey =>
        {
            foreach (var alert in journey.Reference().Where(a => a.Occurrences > 1)) repeated.AddOrUpdate(alert.Rule, 1, (_, n) => n + 1);
        }, iter: Iterations);
        repeated.Keys.ShouldBe(AlertRules.Entry.Select(r => r.Id), ignoreOrder: true, customMessage: string.Join(", ", repeated));
    }
}

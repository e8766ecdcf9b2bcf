using System.Text.Json;
using RecoveryLedger.Api.Analytics;

namespace RecoveryLedger.Tests.Analytics;

/// <summary>Typed keys in code, the same property names in the stored documents as before (no migration).</summary>
public sealed class analytics_document_keys
{
    [Fact]
    public void are_stored_as_day_trigger_hour_and_day_strategy()
    {
        var doc = new ClientAnalytics
        {
            TriggerHours = { [new TriggerHour(new DateOnly(2026, 11, 1), "late-night", 23)] = 2 },
            Strategies = { [new StrategyDay(new DateOnly(2026, 11, 2), "called-support")] = new StrategyCounts { Resisted = 1 } },
        };

        var json = JsonSerializer.Serialize(doc);
        json.ShouldContain("\"2026-11-01|late-night|23\":2");
        json.ShouldContain("\"2026-11-02|called-support\":{");
        var back = JsonSerializer.Deserialize<ClientAnalytics>(json)!;
        back.TriggerHours.ShouldBe(doc.TriggerHours);
        back.Strategies.Keys.ShouldBe(doc.Strategies.Keys);
    }
}

using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>Given-state helpers for alert stories.</summary>
public static class AlertScenarios
{
    public static string Rule(this JsonNode alert) => alert["rule"]!.GetValue<string>();
    public static string Status(this JsonNode alert) => alert["status"]!.GetValue<string>();
    public static string Severity(this JsonNode alert) => alert["severity"]!.GetValue<string>();
    public static int Occurrences(this JsonNode alert) => alert["occurrences"]!.GetValue<int>();
    public static Guid Id(this JsonNode alert) => alert["alertId"]!.GetValue<Guid>();
    public static IReadOnlyList<Guid> Evidence(this JsonNode alert) => alert["evidence"]!.AsArray().Select(e => e!.GetValue<Guid>()).ToList();
    public static IEnumerable<JsonNode> OfRule(this JsonArray alerts, string rule) => alerts.Select(a => a!).Where(a => a.Rule() == rule);

    public static async Task<JsonNode> Step(this ApiDriver api, Actor clinician, Guid alertId, string step, HttpStatusCode expected)
    {
        var response = await api.Post($"/api/alerts/{alertId}/{step}", clinician, new { note = "called the client" });
        await response.ShouldBe(expected);
        return await response.Json();
    }
}

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

    /// <summary>
    /// Waits until everything appended so far has been judged: rules run in the order entries were
    /// stored, so once an alert for a later marker entry shows, every earlier entry has been judged.
    /// The marker is a missed session (or an inner lapse when the story is about sessions).
    /// </summary>
    public static async Task Settled(this ApiDriver api, Client client, bool lapseMarker = false)
    {
        var marker = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        if (lapseMarker) await api.Append(client, Entries.Lapse(at, "inner", marker));
        else await api.Append(client, client.Clinician, Entries.Session(at, attended: false, id: marker));
        await api.AlertsWhen(client, alerts => alerts.Any(a => a!.Evidence().Contains(marker)), "the marker entry was judged");
    }

    public static async Task<JsonNode> Step(this ApiDriver api, Actor clinician, Guid alertId, string step, HttpStatusCode expected)
    {
        var response = await api.Post($"/api/alerts/{alertId}/{step}", clinician, new { note = "called the client" });
        await response.ShouldBe(expected);
        return await response.Json();
    }
}

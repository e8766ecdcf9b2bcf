using System.Text.Json.Nodes;
using static RecoveryLedger.Api.Journeys.Vocabulary;

namespace RecoveryLedger.Api.Journeys.Appending;

/// <summary>The documented example of a sync batch: one entry of each kind, an hour apart before <c>now</c>.</summary>
public static class EntryExamples
{
    public static JsonObject Batch(DateTimeOffset now)
    {
        var at = (int hoursAgo) => now.AddHours(-hoursAgo).ToString("yyyy-MM-ddTHH:mm:ssZ");
        JsonObject Entry(string kind, int hoursAgo, JsonObject fields)
        {
            fields["id"] = Guid.NewGuid().ToString();
            fields["kind"] = kind;
            fields["occurredAt"] = at(hoursAgo);
            return fields;
        }
        return new()
        {
            ["entries"] = new JsonArray(
                Entry(Kinds.CheckIn, 6, new() { ["mood"] = 3, ["craving"] = 4, ["halt"] = new JsonObject { ["tired"] = true }, ["sleepHours"] = 6.5 }),
                Entry(Kinds.Urge, 5, new() { ["intensity"] = 6, ["triggers"] = new JsonArray("stress", "late-night"), ["durationMinutes"] = 20 }),
                Entry(Kinds.Coping, 5, new() { ["strategy"] = "called-support", ["outcome"] = "resisted" }),
                Entry(Kinds.Lapse, 4, new() { ["circle"] = Circle.Middle }),
                Entry(Kinds.Session, 3, new() { ["sessionKind"] = "group", ["attended"] = true, ["durationMinutes"] = 90 }),
                Entry(Kinds.RelationshipMilestone, 2, new() { ["milestone"] = "boundary-set", ["with"] = "partner" }),
                Entry(Kinds.Measure, 2, new() { ["instrument"] = "gad-7", ["items"] = new JsonArray(1, 1, 2, 0, 1, 1, 0) }),
                Entry(Kinds.ThoughtRecord, 1, new()
                {
                    ["situation"] = "Alone at home after an argument",
                    ["automaticThought"] = "I always ruin everything",
                    ["emotions"] = new JsonArray(new JsonObject { ["name"] = "shame", ["before"] = 80, ["after"] = 40 }),
                    ["distortions"] = new JsonArray("all-or-nothing", "labeling"),
                    ["balancedThought"] = "We argued; we have also repaired things before",
                })),
        };
    }
}

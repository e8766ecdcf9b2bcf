using System.Text.Json;
using RecoveryLedger.Api.Validation;
using static RecoveryLedger.Api.Journeys.Vocabulary;

namespace RecoveryLedger.Api.Journeys.Appending;

/// <summary>
/// Turns a sync batch into journey events, or into every error of the batch at once (all or
/// nothing: one bad entry stores nothing). Pure: the server time and the recorder come in.
/// </summary>
public static class EntryParser
{
    public const int MaxBatch = 500;
    public const int MaxNote = 2000;
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static (IReadOnlyList<IJourneyEntry> Entries, ValidationErrors Errors) Parse(
        JsonElement body, DateTimeOffset now, Recorder recorder)
    {
        var errors = new ValidationErrors();
        var entries = new List<IJourneyEntry>();
        if (!body.TryGetProperty("entries", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("entries", "Required: an array of 1 to 500 entries.");
            return (entries, errors);
        }
        var count = array.GetArrayLength();
        if (count is 0 or > MaxBatch)
        {
            errors.Add("entries", $"A batch holds 1 to {MaxBatch} entries.");
            return (entries, errors);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"entries[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) errors.Add(path, "Must be an object.");
            else if (ParseEntry(new JsonFields(item, path, errors), now, recorder) is { } entry) entries.Add(entry);
        }
        return (entries, errors);
    }

    private static IJourneyEntry? ParseEntry(JsonFields f, DateTimeOffset now, Recorder by)
    {
        var id = f.Guid("id", required: true);
        var kind = f.Word("kind", required: true, Kinds.Entries);
        var occurredAt = f.Instant("occurredAt", required: true);
        if (occurredAt > now + FutureTolerance)
            f.Errors.Add(f.PathOf("occurredAt"), "Must not be more than 5 minutes in the future.");

        var note = f.Text("note", required: false, 0, MaxNote);
        IJourneyEntry? entry = kind switch
        {
            Kinds.CheckIn => CheckIn(f, id, occurredAt, note, now, by),
            Kinds.Urge => Urge(f, id, occurredAt, note, now, by),
            Kinds.Coping => Coping(f, id, occurredAt, note, now, by),
            Kinds.Lapse => Lapse(f, id, occurredAt, note, now, by),
            Kinds.Session => Session(f, id, occurredAt, note, now, by),
            Kinds.RelationshipMilestone => Milestone(f, id, occurredAt, note, now, by),
            _ => null,
        };
        return id is null || occurredAt is null ? null : entry;
    }

    private static CheckInRecorded? CheckIn(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var mood = f.Int("mood", required: true, 1, 5);
        var craving = f.Int("craving", required: true, 0, 10);
        var halt = f.Object("halt", required: false);
        var flags = new HaltFlags(
            halt?.Bool("hungry", false) ?? false, halt?.Bool("angry", false) ?? false,
            halt?.Bool("lonely", false) ?? false, halt?.Bool("tired", false) ?? false);
        var sleep = f.Number("sleepHours", required: false, 0, 24);
        var safety = f.Bool("safetyConcern", required: false) ?? false;
        return mood is null || craving is null ? null
            : new CheckInRecorded(id ?? default, at ?? default, mood.Value, craving.Value, flags, sleep, safety, note, now, by);
    }

    private static UrgeLogged? Urge(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var intensity = f.Int("intensity", required: true, 0, 10);
        var triggers = f.Words("triggers", required: false, Triggers) ?? [];
        var duration = f.Int("durationMinutes", required: false, 0, 1440);
        return intensity is null ? null
            : new UrgeLogged(id ?? default, at ?? default, intensity.Value, triggers, duration, note, now, by);
    }

    private static CopingSuccessRecorded? Coping(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var strategy = f.Word("strategy", required: true, Strategies);
        var outcome = f.Word("outcome", required: true, CopingOutcomes);
        var urgeId = f.Guid("urgeId", required: false);
        return strategy is null || outcome is null ? null
            : new CopingSuccessRecorded(id ?? default, at ?? default, strategy, outcome, urgeId, note, now, by);
    }

    private static LapseRecorded? Lapse(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var circle = f.Word("circle", required: true, Circles);
        var behavior = f.Text("behavior", required: false, 0, 200);
        return circle is null ? null : new LapseRecorded(id ?? default, at ?? default, circle, behavior, note, now, by);
    }

    private static SessionRecorded? Session(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var sessionKind = f.Word("sessionKind", required: true, SessionKinds);
        var attended = f.Bool("attended", required: true);
        var duration = f.Int("durationMinutes", required: false, 0, 600);
        return sessionKind is null || attended is null ? null
            : new SessionRecorded(id ?? default, at ?? default, sessionKind, attended.Value, duration, note, now, by);
    }

    private static RelationshipMilestoneReached? Milestone(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var milestone = f.Word("milestone", required: true, RelationshipMilestones);
        var with = f.Word("with", required: false, RelationshipPeople);
        return milestone is null ? null
            : new RelationshipMilestoneReached(id ?? default, at ?? default, milestone, with, note, now, by);
    }
}

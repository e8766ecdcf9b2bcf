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

    /// <summary>Every field of a sync batch, once: what the parser below enforces and what the API documents.</summary>
    public static class Contract
    {
        public static readonly GuidField Id = new("id", true, "Made by the app: the idempotency key (first write wins).");
        public static readonly WordField Kind = new("kind", true, Kinds.Entries);
        public static readonly InstantField OccurredAt = new("occurredAt", true, "When it happened, with offset; at most 5 minutes in the future.");
        public static readonly TextField Note = new("note", false, 0, MaxNote, "Personal content: never logged or traced.");

        public static readonly IntField Mood = new("mood", true, 1, 5);
        public static readonly IntField Craving = new("craving", true, 0, 10);
        public static readonly BoolField Hungry = new("hungry", false), Angry = new("angry", false),
            Lonely = new("lonely", false), Tired = new("tired", false);
        public static readonly ObjectField Halt = new("halt", false, [Hungry, Angry, Lonely, Tired], "HALT flags; a missing flag is false.");
        public static readonly NumberField SleepHours = new("sleepHours", false, 0, 24);
        public static readonly BoolField SafetyConcern = new("safetyConcern", false, "Default false; true raises a safety alert at once.");

        public static readonly IntField Intensity = new("intensity", true, 0, 10);
        public static readonly WordsField UrgeTriggers = new("triggers", false, Triggers);
        public static readonly IntField UrgeMinutes = new("durationMinutes", false, 0, 1440);

        public static readonly WordField Strategy = new("strategy", true, Strategies);
        public static readonly WordField Outcome = new("outcome", true, CopingOutcomes);
        public static readonly GuidField UrgeId = new("urgeId", false, "The urge it answered.");

        public static readonly WordField LapseCircle = new("circle", true, Circles, "inner resets the streak; middle is a slip, counted.");
        public static readonly TextField Behavior = new("behavior", false, 0, 200, "Personal content: never logged or traced.");

        public static readonly WordField SessionKind = new("sessionKind", true, SessionKinds);
        public static readonly BoolField Attended = new("attended", true);
        public static readonly IntField SessionMinutes = new("durationMinutes", false, 0, 600);

        public static readonly WordField Milestone = new("milestone", true, RelationshipMilestones);
        public static readonly WordField With = new("with", false, RelationshipPeople);

        public static readonly WordField Instrument = new("instrument", true, Instruments);
        public static readonly IntsField Items = new("items", true, 7, 19, 0, 4,
            "The answers in the instrument's order: phq-9 9 of 0-3 (item 9 is items[8]), gad-7 7 of 0-3, csbd-19 19 of 1-4 (its cut-off 50 is a screening threshold, not a diagnosis).");

        public static readonly TextField Situation = new("situation", true, 1, 500, "Personal content: never logged or traced.");
        public static readonly TextField AutomaticThought = new("automaticThought", true, 1, 500, "Personal content: never logged or traced.");
        public static readonly WordField EmotionName = new("name", true, Emotions);
        public static readonly IntField EmotionBefore = new("before", true, 0, 100);
        public static readonly IntField EmotionAfter = new("after", false, 0, 100);
        public static readonly ObjectsField EmotionRatings = new("emotions", true, 1, 5, [EmotionName, EmotionBefore, EmotionAfter],
            "Each emotion once, rated 0-100 before and (optionally) after the balanced thought.");
        public static readonly WordsField ThinkingDistortions = new("distortions", false, Distortions);
        public static readonly TextField EvidenceFor = new("evidenceFor", false, 0, 1000, "Personal content: never logged or traced.");
        public static readonly TextField EvidenceAgainst = new("evidenceAgainst", false, 0, 1000, "Personal content: never logged or traced.");
        public static readonly TextField BalancedThought = new("balancedThought", false, 0, 500, "Personal content: never logged or traced.");

        public static readonly VariantsField Entries = new("entries", true, 1, MaxBatch, [Id, Kind, OccurredAt, Note], Kind.Name,
        [
            new(Kinds.CheckIn, [Mood, Craving, Halt, SleepHours, SafetyConcern]),
            new(Kinds.Urge, [Intensity, UrgeTriggers, UrgeMinutes]),
            new(Kinds.Coping, [Strategy, Outcome, UrgeId]),
            new(Kinds.Lapse, [LapseCircle, Behavior]),
            new(Kinds.Session, [SessionKind, Attended, SessionMinutes]),
            new(Kinds.RelationshipMilestone, [Milestone, With]),
            new(Kinds.Measure, [Instrument, Items]),
            new(Kinds.ThoughtRecord, [Situation, AutomaticThought, EmotionRatings, ThinkingDistortions, EvidenceFor, EvidenceAgainst, BalancedThought]),
        ], "The batch is stored whole or not at all; an entry id already stored is skipped.");
    }

    public static (IReadOnlyList<IJourneyEntry> Entries, ValidationErrors Errors) Parse(
        JsonElement body, DateTimeOffset now, Recorder recorder)
    {
        var errors = new ValidationErrors();
        var entries = new List<IJourneyEntry>();
        var batch = Contract.Entries;
        if (!body.TryGetProperty(batch.Name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(batch.Name, $"Required: an array of {batch.MinItems} to {batch.MaxItems} entries.");
            return (entries, errors);
        }
        var count = array.GetArrayLength();
        if (count < batch.MinItems || count > batch.MaxItems)
        {
            errors.Add(batch.Name, $"A batch holds {batch.MinItems} to {batch.MaxItems} entries.");
            return (entries, errors);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{batch.Name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) errors.Add(path, "Must be an object.");
            else if (ParseEntry(new JsonFields(item, path, errors), now, recorder) is { } entry) entries.Add(entry);
        }
        return (entries, errors);
    }

    private static IJourneyEntry? ParseEntry(JsonFields f, DateTimeOffset now, Recorder by)
    {
        var id = f.Guid(Contract.Id);
        var kind = f.Word(Contract.Kind);
        var occurredAt = f.Instant(Contract.OccurredAt);
        if (occurredAt > now + FutureTolerance)
            f.Errors.Add(f.PathOf(Contract.OccurredAt.Name), "Must not be more than 5 minutes in the future.");

        var note = f.Text(Contract.Note);
        IJourneyEntry? entry = kind switch
        {
            Kinds.CheckIn => CheckIn(f, id, occurredAt, note, now, by),
            Kinds.Urge => Urge(f, id, occurredAt, note, now, by),
            Kinds.Coping => Coping(f, id, occurredAt, note, now, by),
            Kinds.Lapse => Lapse(f, id, occurredAt, note, now, by),
            Kinds.Session => Session(f, id, occurredAt, note, now, by),
            Kinds.RelationshipMilestone => Milestone(f, id, occurredAt, note, now, by),
            Kinds.Measure => TherapyEntries.Measure(f, id, occurredAt, note, now, by),
            Kinds.ThoughtRecord => TherapyEntries.ThoughtRecord(f, id, occurredAt, note, now, by),
            _ => null,
        };
        return id is null || occurredAt is null ? null : entry;
    }

    private static CheckInRecorded? CheckIn(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var mood = f.Int(Contract.Mood);
        var craving = f.Int(Contract.Craving);
        var halt = f.Object(Contract.Halt);
        var flags = new HaltFlags(
            halt?.Bool(Contract.Hungry) ?? false, halt?.Bool(Contract.Angry) ?? false,
            halt?.Bool(Contract.Lonely) ?? false, halt?.Bool(Contract.Tired) ?? false);
        var sleep = f.Number(Contract.SleepHours);
        var safety = f.Bool(Contract.SafetyConcern) ?? false;
        return mood is null || craving is null ? null
            : new CheckInRecorded(id ?? default, at ?? default, mood.Value, craving.Value, flags, sleep, safety, note, now, by);
    }

    private static UrgeLogged? Urge(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var intensity = f.Int(Contract.Intensity);
        var triggers = f.Words(Contract.UrgeTriggers) ?? [];
        var duration = f.Int(Contract.UrgeMinutes);
        return intensity is null ? null
            : new UrgeLogged(id ?? default, at ?? default, intensity.Value, triggers, duration, note, now, by);
    }

    private static CopingSuccessRecorded? Coping(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var strategy = f.Word(Contract.Strategy);
        var outcome = f.Word(Contract.Outcome);
        var urgeId = f.Guid(Contract.UrgeId);
        return strategy is null || outcome is null ? null
            : new CopingSuccessRecorded(id ?? default, at ?? default, strategy, outcome, urgeId, note, now, by);
    }

    private static LapseRecorded? Lapse(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var circle = f.Word(Contract.LapseCircle);
        var behavior = f.Text(Contract.Behavior);
        return circle is null ? null : new LapseRecorded(id ?? default, at ?? default, circle, behavior, note, now, by);
    }

    private static SessionRecorded? Session(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var sessionKind = f.Word(Contract.SessionKind);
        var attended = f.Bool(Contract.Attended);
        var duration = f.Int(Contract.SessionMinutes);
        return sessionKind is null || attended is null ? null
            : new SessionRecorded(id ?? default, at ?? default, sessionKind, attended.Value, duration, note, now, by);
    }

    private static RelationshipMilestoneReached? Milestone(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var milestone = f.Word(Contract.Milestone);
        var with = f.Word(Contract.With);
        return milestone is null ? null
            : new RelationshipMilestoneReached(id ?? default, at ?? default, milestone, with, note, now, by);
    }
}

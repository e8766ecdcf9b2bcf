namespace RecoveryLedger.Api.Journeys;

// The catalog of a journey's history (docs/events.md). Events are immutable and past tense; their
// meaning never changes: a new shape is a new event (or version) with an upcaster. Every event says
// when it happened (OccurredAt), when the server stored it (RecordedAt) and who recorded it.

/// <summary>Who wrote an event into history: the role (<c>client</c>, <c>clinician</c>, <c>admin</c>,
/// <c>system</c>) and the user id (null for the system).</summary>
public sealed record Recorder(string Role, Guid? ActorId)
{
    public const string SystemRole = "system";
    public static readonly Recorder System = new(SystemRole, null);
}

/// <summary>Common shape of everything on a journey.</summary>
public interface IJourneyEvent
{
    DateTimeOffset OccurredAt { get; }
    DateTimeOffset RecordedAt { get; }
    Recorder RecordedBy { get; }
}

/// <summary>One of the eight things people record; <see cref="EntryId"/> is made by the app and is the idempotency key.</summary>
public interface IJourneyEntry : IJourneyEvent
{
    Guid EntryId { get; }
    string? Note { get; }
}

public sealed record ClientEnrolled(
    Guid ClientId, string Pseudonym, string TimeZone, DateTimeOffset SobrietyStartedAt, Guid PrimaryClinicianId,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

public sealed record CareTeamMemberAdded(
    Guid ClinicianId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

public sealed record CareTeamMemberRemoved(
    Guid ClinicianId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

/// <summary>The three circles, version 1 for the first plan; each change is a new version, never an edit.</summary>
public sealed record RecoveryPlanChanged(
    int Version, IReadOnlyList<string> Inner, IReadOnlyList<string> Middle, IReadOnlyList<string> Outer,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

public sealed record HaltFlags(bool Hungry, bool Angry, bool Lonely, bool Tired);

public sealed record CheckInRecorded(
    Guid EntryId, DateTimeOffset OccurredAt, int Mood, int Craving, HaltFlags Halt, decimal? SleepHours,
    bool SafetyConcern, string? Note, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

public sealed record UrgeLogged(
    Guid EntryId, DateTimeOffset OccurredAt, int Intensity, IReadOnlyList<string> Triggers, int? DurationMinutes,
    string? Note, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

public sealed record CopingSuccessRecorded(
    Guid EntryId, DateTimeOffset OccurredAt, string Strategy, string Outcome, Guid? UrgeId, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

/// <summary>Circle <c>inner</c> (acting out: resets the streak) or <c>middle</c> (a slip: counted, no reset).</summary>
public sealed record LapseRecorded(
    Guid EntryId, DateTimeOffset OccurredAt, string Circle, string? Behavior, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

public sealed record SessionRecorded(
    Guid EntryId, DateTimeOffset OccurredAt, string SessionKind, bool Attended, int? DurationMinutes, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

public sealed record RelationshipMilestoneReached(
    Guid EntryId, DateTimeOffset OccurredAt, string Milestone, string? With, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

/// <summary>
/// A validated questionnaire (<c>phq-9</c>, <c>gad-7</c>, <c>csbd-19</c>): the answers as sent, in the instrument's
/// order. Score and band are not stored: they are a pure function of the answers (Domain <c>Instrument</c>).
/// </summary>
public sealed record MeasureRecorded(
    Guid EntryId, DateTimeOffset OccurredAt, string Instrument, IReadOnlyList<int> Items, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

/// <summary>An emotion of a thought record, rated 0–100 before and (optionally) after the balanced thought.</summary>
public sealed record EmotionRating(string Name, int Before, int? After);

/// <summary>The CBT worksheet, written by the client. Every free-text field is personal content.</summary>
public sealed record ThoughtRecordWritten(
    Guid EntryId, DateTimeOffset OccurredAt, string Situation, string AutomaticThought, IReadOnlyList<EmotionRating> Emotions,
    IReadOnlyList<string> Distortions, string? EvidenceFor, string? EvidenceAgainst, string? BalancedThought, string? Note,
    DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEntry;

/// <summary>
/// The current streak reached a milestone (1, 7, 14, 30 … days) after enrolment. Appended by the
/// system's scheduled work (alerts issue); OccurredAt is the start of <see cref="ReachedOn"/> in the
/// client's zone. History: it stays even if a late lapse later rewrites that streak.
/// </summary>
public sealed record StreakMilestoneReached(
    int Days, DateOnly ReachedOn, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

/// <summary>
/// The client was erased on its request by an admin of its clinic (docs/security.md, "Erasure"). The last event of
/// a journey: its read models drop the client, and the journey's other events no longer carry personal content.
/// </summary>
public sealed record ClientErased(
    Guid ClientId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

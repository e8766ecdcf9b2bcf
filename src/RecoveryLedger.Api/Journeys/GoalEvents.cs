namespace RecoveryLedger.Api.Journeys;

// Treatment goals (docs/events.md, "Treatment goals"): a clinician of the care team sets, rewords, reviews and
// closes them. They are the journey's events, so the journey's lock orders them and its erasure masks them.
// OccurredAt is the server's time of the step (a goal step is not back-dated).

/// <summary>
/// A goal was set (the first time for its id) or reworded (every later time): area, statement and target date
/// as they now stand. The status is left as it was: a rewording does not reopen a closed goal.
/// </summary>
public sealed record GoalSet(
    Guid GoalId, string Area, string Statement, DateOnly? TargetDate,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

/// <summary>A review of an active goal: progress 0–10 and an optional note.</summary>
public sealed record GoalReviewed(
    Guid GoalId, int Progress, string? Note,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

/// <summary>The goal became <c>active</c> (reopened), <c>achieved</c> or <c>dropped</c>.</summary>
public sealed record GoalStatusChanged(
    Guid GoalId, string Status,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Recorder RecordedBy) : IJourneyEvent;

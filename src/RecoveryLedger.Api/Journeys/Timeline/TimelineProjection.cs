using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace RecoveryLedger.Api.Journeys.Timeline;

/// <summary>
/// Inline: a timeline row is written in the same transaction as its event, so a client reads its
/// own entries right after the sync answered, and the row's primary key rejects a duplicate entry
/// that slipped past the idempotency check. Rows are inserted, never updated: history is append-only.
/// </summary>
public sealed partial class TimelineProjection : EventProjection
{
    /// <summary>How a row's fields are written, by the projection and the one-pass rebuild alike.</summary>
    public static readonly JsonSerializerOptions FieldsJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Insert = $"insert into {TimelineTable.Table} ({TimelineTable.Columns}) values (?, ?, ?, ?, ?, ?, ?::json)";

    public TimelineProjection()
    {
        Name = "Timeline";
        // A table of our own: say what a rebuild must wipe first.
        Options.DeleteDataInTableOnTeardown(TimelineTable.Table);
    }

    /// <summary>An erased client's timeline is gone with it.</summary>
    public void Project(IEvent<ClientErased> e, IDocumentOperations ops) =>
        ops.QueueSqlCommand($"delete from {TimelineTable.Table} where tenant_id = ? and client_id = ?", e.TenantId, e.StreamId);

    public void Project(IEvent<ClientEnrolled> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<RecoveryPlanChanged> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<StreakMilestoneReached> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<GoalSet> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<GoalReviewed> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<GoalStatusChanged> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<CheckInRecorded> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<UrgeLogged> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<CopingSuccessRecorded> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<LapseRecorded> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<SessionRecorded> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<RelationshipMilestoneReached> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<MeasureRecorded> e, IDocumentOperations ops) => InsertRow(e, ops);
    public void Project(IEvent<ThoughtRecordWritten> e, IDocumentOperations ops) => InsertRow(e, ops);

    private static void InsertRow(IEvent e, IDocumentOperations ops)
    {
        var row = RowFor(e)!;
        ops.QueueSqlCommand(Insert, e.TenantId, row.ClientId, row.ItemId, row.Kind, row.OccurredAt.ToUniversalTime(), row.RecordedAt.ToUniversalTime(),
            row.ItemJson());
    }

    /// <summary>
    /// The row an event puts on its client's timeline, or null: the one mapping that both this projection and the
    /// one-pass rebuild (<see cref="Rebuilding.ReadModelRebuild"/>) use.
    /// </summary>
    public static TimelineRow? RowFor(IEvent e) => e.Data switch
    {
        ClientEnrolled d => Row(e, d, e.Id, Vocabulary.Kinds.Enrolled, new { timeZone = d.TimeZone, sobrietyStartedAt = d.SobrietyStartedAt }),
        RecoveryPlanChanged d => Row(e, d, e.Id, Vocabulary.Kinds.PlanChanged,
            new { version = d.Version, inner = d.Inner, middle = d.Middle, outer = d.Outer }),
        StreakMilestoneReached d => Row(e, d, e.Id, Vocabulary.Kinds.Milestone, new { days = d.Days, reachedOn = d.ReachedOn }),
        GoalSet d => Row(e, d, e.Id, Vocabulary.Kinds.GoalSet,
            new { goalId = d.GoalId, area = d.Area, statement = d.Statement, targetDate = d.TargetDate }),
        GoalReviewed d => Row(e, d, e.Id, Vocabulary.Kinds.GoalReviewed, new { goalId = d.GoalId, progress = d.Progress, note = d.Note }),
        GoalStatusChanged d => Row(e, d, e.Id, Vocabulary.Kinds.GoalStatusChanged, new { goalId = d.GoalId, status = d.Status }),
        CheckInRecorded d => Row(e, d, d.EntryId, Vocabulary.Kinds.CheckIn,
            new { mood = d.Mood, craving = d.Craving, halt = Halt(d.Halt), sleepHours = d.SleepHours, safetyConcern = d.SafetyConcern, note = d.Note }),
        UrgeLogged d => Row(e, d, d.EntryId, Vocabulary.Kinds.Urge,
            new { intensity = d.Intensity, triggers = d.Triggers, durationMinutes = d.DurationMinutes, note = d.Note }),
        CopingSuccessRecorded d => Row(e, d, d.EntryId, Vocabulary.Kinds.Coping,
            new { strategy = d.Strategy, outcome = d.Outcome, urgeId = d.UrgeId, note = d.Note }),
        LapseRecorded d => Row(e, d, d.EntryId, Vocabulary.Kinds.Lapse, new { circle = d.Circle, behavior = d.Behavior, note = d.Note }),
        SessionRecorded d => Row(e, d, d.EntryId, Vocabulary.Kinds.Session,
            new { sessionKind = d.SessionKind, attended = d.Attended, durationMinutes = d.DurationMinutes, note = d.Note }),
        RelationshipMilestoneReached d => Row(e, d, d.EntryId, Vocabulary.Kinds.RelationshipMilestone,
            new { milestone = d.Milestone, with = d.With, note = d.Note }),
        MeasureRecorded d => Measure(e, d),
        ThoughtRecordWritten d => Row(e, d, d.EntryId, Vocabulary.Kinds.ThoughtRecord,
            new { situation = d.Situation, automaticThought = d.AutomaticThought,
                  emotions = d.Emotions.Select(emotion => new { name = emotion.Name, before = emotion.Before, after = emotion.After }),
                  distortions = d.Distortions, evidenceFor = d.EvidenceFor, evidenceAgainst = d.EvidenceAgainst,
                  balancedThought = d.BalancedThought, note = d.Note }),
        _ => null,
    };

    /// <summary>A measure shows the server's score and band beside the answers as sent.</summary>
    private static TimelineRow Measure(IEvent e, MeasureRecorded d)
    {
        var scored = Domain.Measures.Instrument.Named(d.Instrument)!.Scored(d.Items);
        return Row(e, d, d.EntryId, Vocabulary.Kinds.Measure,
            new { instrument = d.Instrument, items = d.Items, score = scored.Score, band = scored.Band, note = d.Note });
    }

    private static object Halt(HaltFlags h) => new { hungry = h.Hungry, angry = h.Angry, lonely = h.Lonely, tired = h.Tired };

    private static TimelineRow Row(IEvent e, IJourneyEvent data, Guid itemId, string kind, object fields) =>
        new(e.StreamId, itemId, kind, data.OccurredAt, data.RecordedAt, data.RecordedBy.Role, fields);
}

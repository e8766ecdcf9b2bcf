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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public TimelineProjection()
    {
        Name = "Timeline";
        // Rows are inserted by hand, so Marten cannot infer what a rebuild must wipe first: say it.
        Options.DeleteViewTypeOnTeardown<TimelineItem>();
    }

    /// <summary>An erased client's timeline is gone with it.</summary>
    public void Project(IEvent<ClientErased> e, IDocumentOperations ops) => ops.DeleteWhere<TimelineItem>(item => item.ClientId == e.StreamId);

    public void Project(IEvent<ClientEnrolled> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.Enrolled,
        new { timeZone = e.Data.TimeZone, sobrietyStartedAt = e.Data.SobrietyStartedAt });

    public void Project(IEvent<RecoveryPlanChanged> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.PlanChanged,
        new { version = e.Data.Version, inner = e.Data.Inner, middle = e.Data.Middle, outer = e.Data.Outer });

    public void Project(IEvent<StreakMilestoneReached> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.Milestone,
        new { days = e.Data.Days, reachedOn = e.Data.ReachedOn });

    public void Project(IEvent<GoalSet> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.GoalSet,
        new { goalId = e.Data.GoalId, area = e.Data.Area, statement = e.Data.Statement, targetDate = e.Data.TargetDate });

    public void Project(IEvent<GoalReviewed> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.GoalReviewed,
        new { goalId = e.Data.GoalId, progress = e.Data.Progress, note = e.Data.Note });

    public void Project(IEvent<GoalStatusChanged> e, IDocumentOperations ops) => Insert(ops, e, e.Id, Vocabulary.Kinds.GoalStatusChanged,
        new { goalId = e.Data.GoalId, status = e.Data.Status });

    public void Project(IEvent<CheckInRecorded> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.CheckIn,
        new { mood = e.Data.Mood, craving = e.Data.Craving, halt = Halt(e.Data.Halt), sleepHours = e.Data.SleepHours,
              safetyConcern = e.Data.SafetyConcern, note = e.Data.Note });

    public void Project(IEvent<UrgeLogged> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.Urge,
        new { intensity = e.Data.Intensity, triggers = e.Data.Triggers, durationMinutes = e.Data.DurationMinutes, note = e.Data.Note });

    public void Project(IEvent<CopingSuccessRecorded> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.Coping,
        new { strategy = e.Data.Strategy, outcome = e.Data.Outcome, urgeId = e.Data.UrgeId, note = e.Data.Note });

    public void Project(IEvent<LapseRecorded> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.Lapse,
        new { circle = e.Data.Circle, behavior = e.Data.Behavior, note = e.Data.Note });

    public void Project(IEvent<SessionRecorded> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.Session,
        new { sessionKind = e.Data.SessionKind, attended = e.Data.Attended, durationMinutes = e.Data.DurationMinutes, note = e.Data.Note });

    public void Project(IEvent<RelationshipMilestoneReached> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.RelationshipMilestone,
        new { milestone = e.Data.Milestone, with = e.Data.With, note = e.Data.Note });

    /// <summary>A measure shows the server's score and band beside the answers as sent.</summary>
    public void Project(IEvent<MeasureRecorded> e, IDocumentOperations ops)
    {
        var scored = Domain.Measures.Instrument.Named(e.Data.Instrument)!.Scored(e.Data.Items);
        Entry(ops, e, Vocabulary.Kinds.Measure,
            new { instrument = e.Data.Instrument, items = e.Data.Items, score = scored.Score, band = scored.Band, note = e.Data.Note });
    }

    public void Project(IEvent<ThoughtRecordWritten> e, IDocumentOperations ops) => Entry(ops, e, Vocabulary.Kinds.ThoughtRecord,
        new { situation = e.Data.Situation, automaticThought = e.Data.AutomaticThought,
              emotions = e.Data.Emotions.Select(emotion => new { name = emotion.Name, before = emotion.Before, after = emotion.After }),
              distortions = e.Data.Distortions, evidenceFor = e.Data.EvidenceFor, evidenceAgainst = e.Data.EvidenceAgainst,
              balancedThought = e.Data.BalancedThought, note = e.Data.Note });

    private static object Halt(HaltFlags h) => new { hungry = h.Hungry, angry = h.Angry, lonely = h.Lonely, tired = h.Tired };

    private static void Entry<T>(IDocumentOperations ops, IEvent<T> e, string kind, object fields) where T : IJourneyEntry =>
        Insert(ops, e, e.Data.EntryId, kind, fields);

    private static void Insert<T>(IDocumentOperations ops, IEvent<T> e, Guid itemId, string kind, object fields) where T : IJourneyEvent =>
        ops.Insert(new TimelineItem
        {
            Id = TimelineItem.DocumentId(e.StreamId, itemId),
            ClientId = e.StreamId,
            ItemId = itemId,
            Kind = kind,
            OccurredAt = e.Data.OccurredAt,
            RecordedAt = e.Data.RecordedAt,
            RecordedBy = e.Data.RecordedBy.Role,
            Fields = JsonSerializer.SerializeToElement(fields, Json),
        });
}

namespace RecoveryLedger.Api.Journeys;

/// <summary>The contract's kind name of each entry event.</summary>
public static class EntryKinds
{
    public static string Of(IJourneyEntry entry) => entry switch
    {
        CheckInRecorded => Vocabulary.Kinds.CheckIn,
        UrgeLogged => Vocabulary.Kinds.Urge,
        CopingSuccessRecorded => Vocabulary.Kinds.Coping,
        LapseRecorded => Vocabulary.Kinds.Lapse,
        SessionRecorded => Vocabulary.Kinds.Session,
        RelationshipMilestoneReached => Vocabulary.Kinds.RelationshipMilestone,
        MeasureRecorded => Vocabulary.Kinds.Measure,
        ThoughtRecordWritten => Vocabulary.Kinds.ThoughtRecord,
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "Not an entry kind."),
    };
}

namespace RecoveryLedger.Api.Journeys;

/// <summary>The closed word lists of the contract. An unknown word is a 400, never stored.</summary>
public static class Vocabulary
{
    public static class Kinds
    {
        public const string CheckIn = "check-in";
        public const string Urge = "urge";
        public const string Coping = "coping";
        public const string Lapse = "lapse";
        public const string Session = "session";
        public const string RelationshipMilestone = "relationship-milestone";
        public const string Measure = "measure";
        public const string ThoughtRecord = "thought-record";
        // Timeline-only kinds (system events, not entries).
        public const string Enrolled = "enrolled";
        public const string PlanChanged = "plan-changed";
        public const string Milestone = "milestone";
        public const string GoalSet = "goal-set";
        public const string GoalReviewed = "goal-reviewed";
        public const string GoalStatusChanged = "goal-status-changed";

        public static readonly IReadOnlySet<string> Entries = Set(CheckIn, Urge, Coping, Lapse, Session, RelationshipMilestone, Measure, ThoughtRecord);
        public static readonly IReadOnlySet<string> Timeline = Set([.. Entries, Enrolled, PlanChanged, Milestone, GoalSet, GoalReviewed,
            GoalStatusChanged]);
        /// <summary>What a clinician may append for a client.</summary>
        public static readonly IReadOnlySet<string> ClinicianMayRecord = Set(Session, RelationshipMilestone, Measure);
    }

    public static readonly IReadOnlySet<string> Triggers = Set("stress", "loneliness", "boredom", "conflict", "fatigue",
        "late-night", "alcohol", "screen-time", "travel", "emotional-pain", "rejection", "celebration", "other");

    public static readonly IReadOnlySet<string> Strategies = Set("called-support", "mindfulness", "exercise",
        "left-situation", "journaling", "meeting", "urge-surfing", "prayer-meditation", "distraction", "other");

    public static readonly IReadOnlySet<string> CopingOutcomes = Set("resisted", "partly");
    public static readonly IReadOnlySet<string> Circles = Set(Circle.Inner, Circle.Middle);

    public static readonly IReadOnlySet<string> SessionKinds = Set("individual", "group", "couples", "family",
        "twelve-step", "psychiatric");

    public static readonly IReadOnlySet<string> RelationshipMilestones = Set("disclosure", "therapeutic-disclosure",
        "trust-agreement", "boundary-set", "amends", "partner-check-in", "reconciliation-step");

    public static readonly IReadOnlySet<string> RelationshipPeople = Set("partner", "family", "friend", "other");

    public static readonly IReadOnlySet<string> Instruments =
        Set([.. RecoveryLedger.Domain.Measures.Instrument.All.Select(instrument => instrument.Name)]);

    public static readonly IReadOnlySet<string> Emotions = Set("shame", "guilt", "anxiety", "sadness", "anger", "loneliness",
        "boredom", "excitement", "relief", "hope", "other");

    public static readonly IReadOnlySet<string> Distortions = Set("all-or-nothing", "catastrophizing", "mind-reading",
        "fortune-telling", "emotional-reasoning", "should-statements", "labeling", "personalization", "minimization",
        "entitlement", "other");

    public static readonly IReadOnlySet<string> SupportRelationships = Set("partner", "sponsor", "family", "friend", "other");

    /// <summary>What a consent may share with a supporter (product.md, "Support network and consent").</summary>
    public static class Scopes
    {
        public const string Streak = "streak";
        public const string Milestones = "milestones";
        public const string Mood = "mood";
        public const string Craving = "craving";
        public static readonly IReadOnlySet<string> All = Set(Streak, Milestones, Mood, Craving);
    }

    public static readonly IReadOnlySet<string> GoalAreas = Set("trauma", "self-esteem", "intimacy", "relationships",
        "emotion-regulation", "relapse-prevention", "other");

    public static readonly IReadOnlySet<string> GoalStatuses = Set(GoalStatus.Active, GoalStatus.Achieved, GoalStatus.Dropped);

    public static class GoalStatus
    {
        public const string Active = "active";
        public const string Achieved = "achieved";
        public const string Dropped = "dropped";
    }

    public static class Circle
    {
        public const string Inner = "inner";
        public const string Middle = "middle";
    }

    private static IReadOnlySet<string> Set(params string[] words) => new HashSet<string>(words, StringComparer.Ordinal);
}

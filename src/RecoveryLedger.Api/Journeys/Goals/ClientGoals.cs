namespace RecoveryLedger.Api.Journeys.Goals;

/// <summary>A review as <c>GET …/goals</c> lists it.</summary>
public sealed record GoalReview(DateTimeOffset At, int Progress, string? Note);

/// <summary>
/// A treatment goal as it stands, in the shape the API answers it: <c>setAt</c> is when it was first set (a
/// rewording keeps it), <c>progress</c> the latest review's. Immutable: <see cref="After"/> gives the goal a step
/// leaves, so a write slice can answer with it without touching the document Marten projects.
/// </summary>
public sealed record TreatmentGoal(
    Guid GoalId, string Area, string Statement, DateOnly? TargetDate, string Status, DateTimeOffset SetAt, int? Progress,
    IReadOnlyList<GoalReview> Reviews)
{
    public static TreatmentGoal? After(TreatmentGoal? goal, IJourneyEvent step) => step switch
    {
        GoalSet set when goal is null => new(set.GoalId, set.Area, set.Statement, set.TargetDate, Vocabulary.GoalStatus.Active,
            set.OccurredAt, null, []),
        GoalSet set => goal with { Area = set.Area, Statement = set.Statement, TargetDate = set.TargetDate },
        GoalReviewed review when goal is not null => goal with
        {
            Progress = review.Progress, Reviews = [.. goal.Reviews, new GoalReview(review.OccurredAt, review.Progress, review.Note)],
        },
        GoalStatusChanged changed when goal is not null => goal with { Status = changed.Status },
        _ => goal,
    };
}

/// <summary>
/// A client's treatment goals, one document per client (id = client id), kept inline with the goal events: the
/// read model of <c>GET …/goals</c>, and — read after the journey's row lock — the state the goal slices decide on,
/// exactly as current as the journey itself (both commit with the events). Goals in the order they were set.
/// Deleted with the client on erasure.
/// </summary>
public sealed class ClientGoals
{
    public Guid Id { get; set; }
    public List<TreatmentGoal> Goals { get; set; } = [];

    public TreatmentGoal? Find(Guid goalId) => Goals.Find(g => g.GoalId == goalId);

    public bool ShouldDelete(ClientErased e) => true;

    /// <summary>The goals a journey's events leave (the FHIR export folds the stream it has read anyway).</summary>
    public static ClientGoals Of(IEnumerable<object> events)
    {
        var goals = new ClientGoals();
        foreach (var e in events)
            switch (e)
            {
                case GoalSet set: goals.Apply(set); break;
                case GoalReviewed reviewed: goals.Apply(reviewed); break;
                case GoalStatusChanged changed: goals.Apply(changed); break;
            }
        return goals;
    }

    public void Apply(GoalSet e) => Step(e.GoalId, e);
    public void Apply(GoalReviewed e) => Step(e.GoalId, e);
    public void Apply(GoalStatusChanged e) => Step(e.GoalId, e);

    private void Step(Guid goalId, IJourneyEvent e)
    {
        var index = Goals.FindIndex(g => g.GoalId == goalId);
        var after = TreatmentGoal.After(index < 0 ? null : Goals[index], e);
        if (after is null) return;
        if (index < 0) Goals.Add(after);
        else Goals[index] = after;
    }
}

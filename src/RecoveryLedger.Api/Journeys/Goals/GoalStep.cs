using Marten;

namespace RecoveryLedger.Api.Journeys.Goals;

/// <summary>What the goal slices share once the journey is locked: the goal as it stands.</summary>
public static class GoalStep
{
    /// <summary>
    /// The goal as it stands, or null when the client has none of this id. Read after the journey's row lock,
    /// so a racing step on the same journey has either committed (and is seen) or waits for this one.
    /// </summary>
    public static async Task<TreatmentGoal?> Current(IDocumentSession session, Guid clientId, Guid goalId, CancellationToken cancellation) =>
        (await session.LoadAsync<ClientGoals>(clientId, cancellation))?.Find(goalId);

    /// <summary>The path of a client's goal, for the OpenAPI summaries and tests to agree on.</summary>
    public const string Route = "/api/clients/{clientId}/goals/{goalId}";
}

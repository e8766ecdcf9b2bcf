using JasperFx.Events;
using Marten;
using RecoveryLedger.Api.Alerts;

namespace RecoveryLedger.Api.Journeys.Erasing;

/// <summary>
/// Every event that carries personal content (free text the client or its clinicians wrote: pseudonym, notes,
/// plan items, behaviours, goal statements) and how it reads without it — what an erasure leaves of each. Numbers, vocabulary
/// words, ids and times stay: they are the bare structure the clinic accounts for. The same rules are
/// registered as Marten's masking rules, so an operator's <c>ApplyEventDataMasking</c> would mask alike.
/// A new event type with free text needs its rule here (test <c>erasing_a_client</c> plants a marker in each).
/// </summary>
public static class PersonalContent
{
    /// <summary>What stands in a required free-text field (the pseudonym, a thought record's texts) after an erasure.</summary>
    public const string Erased = "erased";

    private static readonly IReadOnlyList<IRule> Rules =
    [
        new Rule<ClientEnrolled>(e => e with { Pseudonym = Erased }),
        new Rule<RecoveryPlanChanged>(e => e with { Inner = [], Middle = [], Outer = [] }),
        new Rule<CheckInRecorded>(e => e with { Note = null }),
        new Rule<UrgeLogged>(e => e with { Note = null }),
        new Rule<CopingSuccessRecorded>(e => e with { Note = null }),
        new Rule<LapseRecorded>(e => e with { Note = null, Behavior = null }),
        new Rule<SessionRecorded>(e => e with { Note = null }),
        new Rule<RelationshipMilestoneReached>(e => e with { Note = null }),
        new Rule<MeasureRecorded>(e => e with { Note = null }),
        new Rule<ThoughtRecordWritten>(e => e with
        {
            Situation = Erased, AutomaticThought = Erased, EvidenceFor = null, EvidenceAgainst = null,
            BalancedThought = null, Note = null,
        }),
        new Rule<GoalSet>(e => e with { Statement = "" }),
        new Rule<GoalReviewed>(e => e with { Note = null }),
        new Rule<AlertAcknowledged>(e => e with { Note = null }),
        new Rule<AlertResolved>(e => e with { Note = null }),
    ];

    public static void Register(StoreOptions opts)
    {
        foreach (var rule in Rules) rule.Register(opts);
    }

    /// <summary>Replaces the event's data by its masked form; false when the event carries nothing personal.</summary>
    public static bool Mask(IEvent e) => Rules.Aggregate(false, (masked, rule) => rule.Mask(e) | masked);

    private interface IRule
    {
        void Register(StoreOptions opts);
        bool Mask(IEvent e);
    }

    private sealed class Rule<T>(Func<T, T> mask) : IRule where T : notnull
    {
        public void Register(StoreOptions opts) => opts.Events.AddMaskingRuleForProtectedInformation(mask);

        public bool Mask(IEvent e)
        {
            if (e is not Event<T> typed) return false;
            typed.Data = mask(typed.Data);
            return true;
        }
    }
}

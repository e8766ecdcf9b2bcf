using RecoveryLedger.Api.Alerts.Raising;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Replaying;

/// <summary>An alert the rule set would have raised or re-triggered, in the ISO week (Monday) of the entry that caused it.</summary>
public sealed record ShadowTrigger(DateOnly WeekStart, string Rule, string Severity);

/// <summary>
/// Replays a journey through a rule set in shadow: entries in the order they were stored, a batch's
/// entries one by one in occurredAt order (exactly as the live handler sees them), every trigger
/// counted, nothing raised, stored or sent. How a new rule version is judged before it goes live: rule set
/// <c>ruleSet</c> is the conditions of that version or older, so v1 and v2 can be compared over one history.
/// </summary>
public static class ShadowReplay
{
    public static IReadOnlyList<ShadowTrigger> Replay(IReadOnlyList<object> journey, DateOnly from, DateOnly to, int ruleSet)
    {
        var enrolled = journey.OfType<ClientEnrolled>().FirstOrDefault();
        if (enrolled is null) return [];
        var before = new List<Fact>();
        var triggers = new List<ShadowTrigger>();
        foreach (var entry in journey.OfType<IJourneyEntry>()
                     .Select((entry, index) => (entry, index))
                     .GroupBy(x => x.entry.RecordedAt).OrderBy(batch => batch.Min(x => x.index))
                     .SelectMany(batch => batch.Select(x => x.entry).OrderBy(e => e.OccurredAt).ThenBy(e => e.EntryId)))
        {
            if (EntryFacts.Of(entry) is not { } fact) continue;
            var day = DateOnly.FromDateTime(entry.OccurredAt.UtcDateTime);
            if (day >= from && day <= to)
                triggers.AddRange(AlertRules.Evaluate(fact, new RuleContext(enrolled.SobrietyStartedAt, before), ruleSet)
                    .Select(t => new ShadowTrigger(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), t.Rule, Severities.Name(t.Severity))));
            before.Add(fact);
        }
        return triggers;
    }
}

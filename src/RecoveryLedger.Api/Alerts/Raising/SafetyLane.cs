using Marten;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;
using Wolverine;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// The rules that need no history (<see cref="AlertRules.AtAppend"/>: safety — a check-in's safety concern,
/// a PHQ-9's item 9) are decided in the append's own transaction, with the journey locked: the alert
/// exists when the sync is answered, whatever else is waiting for the pipeline (docs/design.md). The
/// batch's entries are judged one by one in (occurredAt, id) order, as everywhere else.
/// </summary>
public static class SafetyLane
{
    /// <summary>Raises or repeats the safety alert for the new entries; true when one of them raised a safety condition.</summary>
    public static async Task<bool> Decide(IDocumentSession session, IMessageBus bus, AlertOptions options, Journey journey,
        IReadOnlyList<IJourneyEntry> fresh, DateTimeOffset now, CancellationToken cancellation)
    {
        var arrivals = fresh.Select(entry => EntryFacts.Of(entry) is { } fact ? new Arrival(fact, 0, entry.RecordedAt) : null).OfType<Arrival>();
        var verdicts = JourneyPage.Judge(journey.SobrietyStartedAt, [], arrivals, AlertRules.AtAppend);
        if (verdicts.Count == 0) return false;
        var book = await AlertBook.Open(session, bus, options, journey.Id, now, cancellation);
        foreach (var verdict in verdicts) await book.Apply(verdict.Trigger, verdict.Entry.Id, cancellation);
        await book.Complete();
        return verdicts.Any(verdict => verdict.Trigger.Rule == AlertRules.Safety);
    }
}

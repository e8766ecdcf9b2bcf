using Marten;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>What became of a trigger: a new alert, a repeat on the active one, or nothing (already applied).</summary>
public enum TriggerOutcome { Raised, Retriggered, AlreadyApplied }

/// <summary>
/// Applies a rule's trigger to the client's alerts, idempotently: a trigger caused by an entry that is
/// already evidence of an alert of that rule was applied before (a retry, a restart, a second node)
/// and changes nothing. At most one alert per (client, rule) is active; the alert stream is locked
/// while it is re-triggered so that a clinician's concurrent resolve is never lost.
/// </summary>
public static class AlertDesk
{
    public static async Task<(TriggerOutcome Outcome, Alert? Before, AlertRaised? Raised, AlertRetriggered? Retriggered)> Apply(
        IDocumentSession session, Guid clientId, Trigger trigger, Guid causedBy, DateTimeOffset now, CancellationToken cancellation)
    {
        var derivedId = AlertIdFor(clientId, trigger.Rule, causedBy);
        if (await AlreadyApplied(session, clientId, trigger.Rule, causedBy, derivedId, cancellation))
            return (TriggerOutcome.AlreadyApplied, null, null, null);

        var active = await session.Query<Alert>()
            .Where(a => a.ClientId == clientId && a.Rule == trigger.Rule && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .FirstOrDefaultAsync(cancellation);
        if (active is not null)
        {
            var stream = await session.Events.FetchForExclusiveWriting<Alert>(active.Id, cancellation);
            if (stream.Aggregate is { IsActive: true } current)
            {
                var retriggered = AlertLifecycle.Retrigger(current, trigger, now);
                stream.AppendOne(retriggered);
                return (TriggerOutcome.Retriggered, current, null, retriggered);
            }
        }

        // The id is derived from what caused the alert, so two racing raises for one cause collide.
        var raised = AlertLifecycle.Raise(derivedId, clientId, trigger, now);
        session.Events.StartStream<Alert>(raised.AlertId, raised);
        return (TriggerOutcome.Raised, null, raised, null);
    }

    /// <summary>
    /// Applied before when the cause is evidence of an alert of the rule (entries), or the alert it
    /// would raise exists (time-based causes, which are not entries).
    /// </summary>
    private static async Task<bool> AlreadyApplied(IQuerySession session, Guid clientId, string rule, Guid causedBy, Guid derivedId,
        CancellationToken cancellation) =>
        await session.LoadAsync<Alert>(derivedId, cancellation) is not null
        || await session.Query<Alert>().AnyAsync(a => a.ClientId == clientId && a.Rule == rule && a.Evidence.Contains(causedBy), cancellation);

    /// <summary>An alert id derived from (client, rule, cause).</summary>
    public static Guid AlertIdFor(Guid clientId, string rule, Guid causedBy) =>
        DeterministicGuid.From("alert", clientId.ToString(), rule, causedBy.ToString());
}

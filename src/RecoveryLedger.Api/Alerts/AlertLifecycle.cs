using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts;

/// <summary>
/// The alert lifecycle as pure decisions: open → acknowledged → resolved (or open → resolved); a
/// trigger raises a new alert unless one is active for the rule, in which case it re-triggers it.
/// A null decision on a clinician's step means the step is not allowed from this status (409).
/// </summary>
public static class AlertLifecycle
{
    public static AlertAcknowledged? Acknowledge(Alert alert, Recorder by, string? note, DateTimeOffset now) =>
        alert.Status == AlertStatus.Open ? new AlertAcknowledged(by, note, now) : null;

    public static AlertResolved? Resolve(Alert alert, Recorder by, string? note, DateTimeOffset now) =>
        alert.IsActive ? new AlertResolved(by, note, now) : null;

    public static AlertRaised Raise(Guid alertId, Guid clientId, Trigger trigger, DateTimeOffset now) =>
        new(alertId, clientId, trigger.Rule, trigger.RuleVersion, Severities.Name(trigger.Severity), trigger.Evidence, now);

    /// <summary>Repeats in one unit of work, one event: severity never falls while the alert is active.</summary>
    public static AlertRetriggered Retrigger(Alert active, IReadOnlyList<Trigger> repeats, DateTimeOffset now)
    {
        var severity = (Severity)repeats.Select(t => (int)t.Severity).Append((int)active.Level).Max();
        var evidence = repeats.SelectMany(t => t.Evidence).Distinct().Except(active.Evidence).ToList();
        return new AlertRetriggered(evidence, Severities.Name(severity), now, repeats.Count);
    }
}

using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>What the alert rules know of a journey entry: the typed fact, or null for kinds no rule reads.</summary>
public static class EntryFacts
{
    public static Fact? Of(IJourneyEntry entry) => entry switch
    {
        UrgeLogged u => new UrgeFact(u.EntryId, u.OccurredAt, u.Intensity),
        CheckInRecorded c => new CheckInFact(c.EntryId, c.OccurredAt, c.Craving, c.SafetyConcern),
        LapseRecorded l => new LapseFact(l.EntryId, l.OccurredAt, l.Circle == Vocabulary.Circle.Inner),
        SessionRecorded s => new SessionFact(s.EntryId, s.OccurredAt, s.Attended),
        MeasureRecorded m => MeasureFact.Of(m.EntryId, m.OccurredAt, m.RecordedAt, m.Instrument, m.Items),
        _ => null,
    };
}

using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Measures;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Analytics;

/// <summary>
/// Async, multi-stream: folds every journey's events into its client's de-identified
/// <see cref="ClientAnalytics"/>, keyed by the keyed pseudonym. Built from the event store only, so a
/// rebuild from zero gives the same numbers. Async because nothing reads analytics in the same breath
/// as a sync; it must never slow the sync down.
/// </summary>
public sealed class AnalyticsProjection(Pseudonyms pseudonyms) : IProjection
{
    public const string Name = "Analytics";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var tenantEvents in events.GroupBy(e => e.TenantId))
        {
            var tenant = operations.ForTenant(tenantEvents.Key);
            var ids = tenantEvents.Select(e => e.StreamId).Distinct().ToDictionary(id => id, id => pseudonyms.Of(tenantEvents.Key, id));
            var docs = (await tenant.LoadManyAsync<ClientAnalytics>(cancellation, ids.Values)).ToDictionary(d => d.Id);
            foreach (var e in tenantEvents)
                if (Fold(docs, ids[e.StreamId], e.Data))
                    tenant.Delete<ClientAnalytics>(ids[e.StreamId]);
            foreach (var doc in docs.Values) tenant.Store(doc);
        }
    }

    /// <summary>
    /// Folds one journey event into the documents of a page (or of a whole rebuild); true when it erased the client,
    /// whose document is then gone from <paramref name="docs"/> and must be deleted from storage.
    /// </summary>
    public static bool Fold(Dictionary<Guid, ClientAnalytics> docs, Guid id, object data)
    {
        switch (data)
        {
            case ClientEnrolled enrolled:
                docs[id] = new ClientAnalytics
                {
                    Id = id, TimeZone = enrolled.TimeZone,
                    StartDay = MilestoneSchedule.LocalDateOf(enrolled.TimeZone, enrolled.SobrietyStartedAt),
                };
                return false;
            case ClientErased:
                // The erasure deletes the document itself; this keeps a page that is behind from storing it again.
                docs.Remove(id);
                return true;
            case IJourneyEntry entry when docs.TryGetValue(id, out var doc):
                Fold(doc, entry);
                return false;
            default:
                return false;
        }
    }

    internal static void Fold(ClientAnalytics doc, IJourneyEntry entry)
    {
        var utcDay = AnalyticsDay.Of(entry.OccurredAt);
        var dayKey = AnalyticsDay.Format(utcDay);
        if (!doc.Days.TryGetValue(dayKey, out var day)) doc.Days[dayKey] = day = new DayCounts();
        day.Entries++;
        switch (entry)
        {
            case UrgeLogged urge:
                day.Urges++;
                day.UrgeIntensitySum += urge.Intensity;
                var hour = ClientLocalTime.HourOf(doc.TimeZone, urge.OccurredAt);
                foreach (var cell in urge.Triggers.Select(trigger => new TriggerHour(utcDay, trigger, hour)))
                    doc.TriggerHours[cell] = doc.TriggerHours.GetValueOrDefault(cell) + 1;
                break;
            case CopingSuccessRecorded coping:
                day.CopingSuccesses++;
                var key = new StrategyDay(utcDay, coping.Strategy);
                if (!doc.Strategies.TryGetValue(key, out var counts)) doc.Strategies[key] = counts = new StrategyCounts();
                if (coping.Outcome == "resisted") counts.Resisted++; else counts.Partly++;
                break;
            case LapseRecorded { Circle: Vocabulary.Circle.Inner } lapse:
                day.InnerLapses++;
                var days = MilestoneSchedule.LocalDateOf(doc.TimeZone, lapse.OccurredAt).DayNumber - doc.StartDay.DayNumber;
                if (days >= 0 && (doc.FirstLapseDay is null || days < doc.FirstLapseDay)) doc.FirstLapseDay = days;
                break;
            case LapseRecorded:
                day.MiddleSlips++;
                break;
            case SessionRecorded { Attended: true }:
                day.SessionsAttended++;
                break;
            case SessionRecorded:
                day.SessionsMissed++;
                break;
            case MeasureRecorded measure:
                FoldMeasure(day, measure);
                break;
        }
    }

    /// <summary>Scores only: a measure contributes its total, never its answers (PHQ-9 item 9 stays in the journey).</summary>
    private static void FoldMeasure(DayCounts day, MeasureRecorded measure)
    {
        var instrument = Instrument.Named(measure.Instrument)!;
        var score = instrument.Score(measure.Items);
        if (instrument == Instrument.Phq9) { day.Phq9s++; day.Phq9ScoreSum += score; }
        else if (instrument == Instrument.Gad7) { day.Gad7s++; day.Gad7ScoreSum += score; }
        else if (instrument == Instrument.Csbd19) day.Csbd19Score = score;
    }
}

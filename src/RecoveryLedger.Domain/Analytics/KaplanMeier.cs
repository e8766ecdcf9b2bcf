namespace RecoveryLedger.Domain.Analytics;

/// <summary>One client's time to event: days observed, and whether the event (a first inner lapse) happened then.</summary>
public sealed record SurvivalObservation(int Days, bool Event);

/// <summary>The estimate at a day with events (and at day 0): S(day), how many were at risk, how many events.</summary>
public sealed record SurvivalPoint(int Day, double Survival, int AtRisk, int Events);

/// <summary>
/// The Kaplan–Meier product-limit estimator: S(t) = Π over event days tᵢ ≤ t of (1 − dᵢ / nᵢ), where
/// nᵢ counts those still observed at tᵢ (a client censored on tᵢ counts as at risk on tᵢ, the usual
/// convention: events are taken to precede censoring on the same day).
/// </summary>
public static class KaplanMeier
{
    public static IReadOnlyList<SurvivalPoint> Estimate(IReadOnlyCollection<SurvivalObservation> observations)
    {
        var points = new List<SurvivalPoint>();
        var survival = 1.0;
        var eventDays = observations.Where(o => o.Event).Select(o => o.Days).ToHashSet();
        foreach (var day in eventDays.Append(0).Distinct().Order())
        {
            var atRisk = observations.Count(o => o.Days >= day);
            var events = observations.Count(o => o.Event && o.Days == day);
            if (atRisk > 0) survival *= 1.0 - (double)events / atRisk;
            points.Add(new SurvivalPoint(day, survival, atRisk, events));
        }
        return points;
    }
}

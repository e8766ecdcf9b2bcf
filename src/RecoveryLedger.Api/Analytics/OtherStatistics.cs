using RecoveryLedger.Domain.Analytics;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Analytics;

public sealed record HeatmapCell(string Trigger, int Hour, int? Urges);
public sealed record HeatmapView(int K, IReadOnlyList<HeatmapCell> Cells);

public sealed record StrategyRate(string Strategy, int? Uses, double? ResistedRate);
public sealed record CopingView(int K, IReadOnlyList<StrategyRate> Strategies);

public sealed record SurvivalView(int? Clients, IReadOnlyList<SurvivalPoint> Points, bool Suppressed);

/// <summary>The other de-identified statistics, each with the same k = 11 suppression. Pure.</summary>
public static class OtherStatistics
{
    /// <summary>Urges by trigger × client-local hour; a cell from 1–10 distinct clients is withheld (null).</summary>
    public static HeatmapView Heatmap(IEnumerable<ClientAnalytics> clients, DateOnly from, DateOnly to)
    {
        var cells = new Dictionary<(string Trigger, int Hour), (int Urges, HashSet<Guid> Clients)>();
        foreach (var client in clients)
        foreach (var (key, count) in client.TriggerHours)
        {
            if (key.UtcDay < from || key.UtcDay > to) continue;
            var cell = (key.Trigger, key.Hour);
            var current = cells.GetValueOrDefault(cell, (0, new HashSet<Guid>()));
            current.Item2.Add(client.Id);
            cells[cell] = (current.Item1 + count, current.Item2);
        }
        return new HeatmapView(SmallCells.K, cells.OrderBy(c => c.Key.Trigger).ThenBy(c => c.Key.Hour)
            .Select(c => new HeatmapCell(c.Key.Trigger, c.Key.Hour, SmallCells.Withheld(c.Value.Clients.Count) ? null : c.Value.Urges))
            .ToList());
    }

    /// <summary>Per strategy: uses and the share that ended "resisted"; withheld when 1–10 clients used it.</summary>
    public static CopingView Coping(IEnumerable<ClientAnalytics> clients, DateOnly from, DateOnly to)
    {
        var strategies = new Dictionary<string, (int Resisted, int Partly, HashSet<Guid> Clients)>();
        foreach (var client in clients)
        foreach (var (key, counts) in client.Strategies)
        {
            if (key.UtcDay < from || key.UtcDay > to) continue;
            var current = strategies.GetValueOrDefault(key.Strategy, (0, 0, new HashSet<Guid>()));
            current.Item3.Add(client.Id);
            strategies[key.Strategy] = (current.Item1 + counts.Resisted, current.Item2 + counts.Partly, current.Item3);
        }
        return new CopingView(SmallCells.K, strategies.OrderBy(s => s.Key).Select(s =>
        {
            var uses = s.Value.Resisted + s.Value.Partly;
            return SmallCells.Withheld(s.Value.Clients.Count)
                ? new StrategyRate(s.Key, null, null)
                : new StrategyRate(s.Key, uses, Math.Round((double)s.Value.Resisted / uses, 2, MidpointRounding.AwayFromZero));
        }).ToList());
    }

    /// <summary>
    /// Kaplan–Meier of local days from the programme start to the first inner lapse, censored at today
    /// (the client's local date) for clients still abstinent; points with fewer than k at risk are left out.
    /// </summary>
    public static SurvivalView Survival(IEnumerable<ClientAnalytics> clients, DateTimeOffset now)
    {
        var observations = clients
            .Select(c => c.FirstLapseDay is { } days
                ? new SurvivalObservation(days, true)
                : new SurvivalObservation(MilestoneSchedule.LocalDateOf(c.TimeZone, now).DayNumber - c.StartDay.DayNumber, false))
            .Where(o => o.Days >= 0)
            .ToList();
        if (observations.Count < SmallCells.K) return new SurvivalView(null, [], true);
        var points = KaplanMeier.Estimate(observations)
            .Where(p => p.AtRisk >= SmallCells.K)
            .Select(p => p with { Survival = Math.Round(p.Survival, 4) })
            .ToList();
        return new SurvivalView(observations.Count, points, false);
    }
}

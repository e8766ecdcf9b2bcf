using RecoveryLedger.Domain.Analytics;

namespace RecoveryLedger.Api.Analytics;

/// <summary>One ISO week of the cohort table; a null figure is suppressed (named in <see cref="SuppressedFields"/>).</summary>
public sealed record CohortWeek(
    DateOnly WeekStart, int? ActiveClients, int? Urges, double? MeanUrgeIntensity, int? CopingSuccesses, int? InnerLapses,
    int? MiddleSlips, int? SessionsAttended, int? SessionsMissed, IReadOnlyList<string> SuppressedFields);

public sealed record CohortView(int K, IReadOnlyList<CohortWeek> Weeks);

/// <summary>
/// The weekly cohort table from de-identified client records: ISO weeks (Monday), only the days inside
/// from–to (UTC dates), only weeks with entries. k = 11: a week with fewer active clients is withheld
/// whole; otherwise each figure contributed to by 1–10 distinct clients is withheld. Pure.
/// </summary>
public static class CohortTable
{
    private static readonly string[] Fields =
        ["activeClients", "urges", "meanUrgeIntensity", "copingSuccesses", "innerLapses", "middleSlips", "sessionsAttended", "sessionsMissed"];

    private sealed class Tally
    {
        public readonly HashSet<Guid> Active = [];
        public readonly Dictionary<string, HashSet<Guid>> Contributors = Fields.ToDictionary(f => f, _ => new HashSet<Guid>());
        public int Urges, IntensitySum, Coping, Inner, Middle, Attended, Missed;
    }

    public static CohortView Build(IEnumerable<ClientAnalytics> clients, DateOnly from, DateOnly to)
    {
        var weeks = new SortedDictionary<DateOnly, Tally>();
        foreach (var client in clients)
        foreach (var (dayKey, day) in client.Days)
        {
            var date = AnalyticsDay.Parse(dayKey);
            if (date < from || date > to || day.Entries == 0) continue;
            var weekStart = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            if (!weeks.TryGetValue(weekStart, out var t)) weeks[weekStart] = t = new Tally();
            t.Active.Add(client.Id);
            Count(t, "urges", client.Id, day.Urges, ref t.Urges);
            t.IntensitySum += day.UrgeIntensitySum;
            Count(t, "copingSuccesses", client.Id, day.CopingSuccesses, ref t.Coping);
            Count(t, "innerLapses", client.Id, day.InnerLapses, ref t.Inner);
            Count(t, "middleSlips", client.Id, day.MiddleSlips, ref t.Middle);
            Count(t, "sessionsAttended", client.Id, day.SessionsAttended, ref t.Attended);
            Count(t, "sessionsMissed", client.Id, day.SessionsMissed, ref t.Missed);
        }
        return new CohortView(SmallCells.K, weeks.Select(w => Week(w.Key, w.Value)).ToList());
    }

    private static void Count(Tally t, string field, Guid client, int amount, ref int total)
    {
        if (amount == 0) return;
        total += amount;
        t.Contributors[field].Add(client);
    }

    private static CohortWeek Week(DateOnly start, Tally t)
    {
        if (t.Active.Count < SmallCells.K)
            return new CohortWeek(start, null, null, null, null, null, null, null, null, Fields);

        t.Contributors["activeClients"] = t.Active;
        t.Contributors["meanUrgeIntensity"] = t.Contributors["urges"];
        var suppressed = Fields.Where(f => SmallCells.Withheld(t.Contributors[f].Count)).ToList();
        int? Figure(string field, int value) => suppressed.Contains(field) ? null : value;
        double? mean = t.Urges == 0 || suppressed.Contains("meanUrgeIntensity")
            ? null : Math.Round((double)t.IntensitySum / t.Urges, 2, MidpointRounding.AwayFromZero);
        return new CohortWeek(start, t.Active.Count, Figure("urges", t.Urges), mean, Figure("copingSuccesses", t.Coping),
            Figure("innerLapses", t.Inner), Figure("middleSlips", t.Middle), Figure("sessionsAttended", t.Attended),
            Figure("sessionsMissed", t.Missed), suppressed);
    }
}

using RecoveryLedger.Domain.Analytics;
using RecoveryLedger.Domain.Measures;

namespace RecoveryLedger.Api.Analytics;

/// <summary>One ISO week of the cohort table; a null figure is suppressed (named in <see cref="SuppressedFields"/>).</summary>
public sealed record CohortWeek(
    DateOnly WeekStart, int? ActiveClients, int? Urges, double? MeanUrgeIntensity, int? CopingSuccesses, int? InnerLapses,
    int? MiddleSlips, int? SessionsAttended, int? SessionsMissed, double? MeanPhq9, double? MeanGad7, int? Csbd19AtOrAboveCutoff,
    IReadOnlyList<string> SuppressedFields);

public sealed record CohortView(int K, IReadOnlyList<CohortWeek> Weeks);

/// <summary>
/// The weekly cohort table from de-identified client records: ISO weeks (Monday), only the days inside
/// from–to (UTC dates), only weeks with entries. k = 11: a week with fewer active clients is withheld
/// whole; otherwise each figure contributed to by 1–10 distinct clients is withheld. Pure.
/// </summary>
public static class CohortTable
{
    private static readonly string[] Fields =
        ["activeClients", "urges", "meanUrgeIntensity", "copingSuccesses", "innerLapses", "middleSlips", "sessionsAttended", "sessionsMissed",
         "meanPhq9", "meanGad7", "csbd19AtOrAboveCutoff"];

    private sealed class Tally
    {
        public readonly HashSet<Guid> Active = [];
        public readonly Dictionary<string, HashSet<Guid>> Contributors = Fields.ToDictionary(f => f, _ => new HashSet<Guid>());
        public int Urges, IntensitySum, Coping, Inner, Middle, Attended, Missed, Phq9s, Phq9Sum, Gad7s, Gad7Sum;
        /// <summary>Each client's latest CSBD-19 of the week: its day and score.</summary>
        public readonly Dictionary<Guid, (DateOnly Day, int Score)> LatestCsbd19 = [];
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
            Count(t, "meanPhq9", client.Id, day.Phq9s, ref t.Phq9s);
            t.Phq9Sum += day.Phq9ScoreSum;
            Count(t, "meanGad7", client.Id, day.Gad7s, ref t.Gad7s);
            t.Gad7Sum += day.Gad7ScoreSum;
            if (day.Csbd19Score is { } score && (!t.LatestCsbd19.TryGetValue(client.Id, out var latest) || latest.Day < date))
                t.LatestCsbd19[client.Id] = (date, score);
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
        t.Contributors["activeClients"] = t.Active;
        t.Contributors["meanUrgeIntensity"] = t.Contributors["urges"];
        t.Contributors["csbd19AtOrAboveCutoff"] = t.LatestCsbd19.Where(c => c.Value.Score >= Instrument.Csbd19Cutoff).Select(c => c.Key).ToHashSet();
        IReadOnlyList<string> suppressed = t.Active.Count < SmallCells.K ? Fields : Fields.Where(f => SmallCells.Withheld(t.Contributors[f].Count)).ToList();
        int? Figure(string field, int value) => suppressed.Contains(field) ? null : value;
        double? Mean(string field, int sum, int count) => count == 0 || suppressed.Contains(field)
            ? null : Math.Round((double)sum / count, 2, MidpointRounding.AwayFromZero);
        return new CohortWeek(start, Figure("activeClients", t.Active.Count), Figure("urges", t.Urges),
            Mean("meanUrgeIntensity", t.IntensitySum, t.Urges), Figure("copingSuccesses", t.Coping), Figure("innerLapses", t.Inner),
            Figure("middleSlips", t.Middle), Figure("sessionsAttended", t.Attended), Figure("sessionsMissed", t.Missed),
            Mean("meanPhq9", t.Phq9Sum, t.Phq9s), Mean("meanGad7", t.Gad7Sum, t.Gad7s),
            Figure("csbd19AtOrAboveCutoff", t.Contributors["csbd19AtOrAboveCutoff"].Count), suppressed);
    }
}

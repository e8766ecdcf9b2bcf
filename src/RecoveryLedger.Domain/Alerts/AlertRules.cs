using RecoveryLedger.Domain.Measures;

namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// The alert rules (the product's semantics): pure functions of (new entry, what had arrived before it).
/// A rule answers a <see cref="Trigger"/> when the new entry itself satisfies its condition — which is
/// also what a repeat is — or null. Each rule is listed in <see cref="Entry"/> with the history window
/// it reads, so its condition, its window and the facts it reads stay together. Time-based rules
/// (disengagement, milestone) are in <see cref="TimedRules"/>. Every trigger carries the version of the
/// rule set that introduced its condition: rule set v2 is v1 plus PHQ-9 self-harm (safety) and
/// measure-worsening, and rule set vN is the conditions of version ≤ N (<see cref="Evaluate(Fact, RuleContext, int)"/>).
/// </summary>
public static class AlertRules
{
    public const int V1 = 1;
    public const int V2 = 2;

    /// <summary>The rule set in force.</summary>
    public const int Current = V2;

    public const string Safety = "safety";
    public const string Lapse = "lapse";
    public const string UrgeEscalation = "urge-escalation";
    public const string SlipCluster = "slip-cluster";
    public const string MissedSession = "missed-session";
    public const string CravingRising = "craving-rising";
    public const string Disengagement = "disengagement";
    public const string Milestone = "milestone";
    public const string MeasureWorsening = "measure-worsening";

    public static readonly IReadOnlyList<string> All =
        [Safety, Lapse, UrgeEscalation, SlipCluster, MissedSession, CravingRising, Disengagement, Milestone, MeasureWorsening];

    /// <summary>The rules of rule set <paramref name="ruleSet"/> (v1 has no measure-worsening).</summary>
    public static IReadOnlyList<string> Of(int ruleSet) => ruleSet >= V2 ? All : [.. All.Where(rule => rule != MeasureWorsening)];

    public static readonly TimeSpan UrgeWindow = TimeSpan.FromHours(24);
    public const int StrongUrge = 7;
    public const int UrgesInWindow = 3;
    public static readonly TimeSpan SlipWindow = TimeSpan.FromDays(7);
    public const int SlipsInWindow = 2;
    public static readonly TimeSpan BaselinePeriod = TimeSpan.FromDays(14);
    public const int BaselineCheckIns = 7;
    public const double MinimumSigma = 0.5;
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(72);
    public const int RecentCheckIns = 2;
    public const double CravingFloor = 6;
    public const double SigmaFactor = 1.5;

    /// <summary>
    /// Reliable worsening per instrument: the rise in score over the previous measure of the instrument
    /// that is more than measurement error (the reliable-change thresholds NHS Talking Therapies uses:
    /// PHQ-9 6 points, GAD-7 4). CSBD-19 has none: it raises nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ReliableWorsening =
        new Dictionary<string, int> { [Instrument.Phq9.Name] = 6, [Instrument.Gad7.Name] = 4 };

    /// <summary>
    /// The rules judged per entry, in rule order, each with the history it reads around an entry. Safety
    /// and lapse read none: they are decided by the entry alone.
    /// </summary>
    public static readonly IReadOnlyList<EntryRule> Entry =
    [
        new(Safety, (entry, _) => SafetyRule(entry), _ => []),
        new(Lapse, LapseRule, _ => []),
        new(UrgeEscalation, UrgeEscalationRule,
            entry => entry is UrgeFact { Intensity: >= StrongUrge } ? [HistoryWindow.Around(FactKind.Urge, entry.OccurredAt, UrgeWindow)] : []),
        new(SlipCluster, SlipClusterRule,
            entry => entry is LapseFact { Inner: false } ? [HistoryWindow.Around(FactKind.Lapse, entry.OccurredAt, SlipWindow)] : []),
        new(MissedSession, MissedSessionRule,
            entry => entry is SessionFact { Attended: false } ? [HistoryWindow.UpTo(FactKind.Session, entry.OccurredAt)] : []),
        new(CravingRising, CravingRisingRule,
            entry => entry is CheckInFact
                ? [HistoryWindow.Before(FactKind.CheckIn, entry.OccurredAt, RecentWindow), HistoryWindow.Earliest(FactKind.CheckIn, BaselinePeriod)]
                : []),
        // The previous measure of an instrument may be months old, and a late one's successor months newer.
        new(MeasureWorsening, MeasureWorseningRule,
            entry => entry is MeasureFact m && ReliableWorsening.ContainsKey(m.Instrument) ? [HistoryWindow.All(FactKind.Measure)] : []),
    ];

    /// <summary>
    /// Decided in the append's own transaction (docs/design.md): needs no history, so a critical signal
    /// never waits behind anyone's backlog.
    /// </summary>
    public static readonly IReadOnlyList<EntryRule> AtAppend = [.. Entry.Where(r => r.Id == Safety)];

    /// <summary>Decided by the alert pipeline, per client and page of journey events.</summary>
    public static readonly IReadOnlyList<EntryRule> InPipeline = [.. Entry.Where(r => r.Id != Safety)];

    /// <summary>Every rule's verdict on <paramref name="entry"/>, in rule order, by the rule set in force.</summary>
    public static IReadOnlyList<Trigger> Evaluate(Fact entry, RuleContext context) => Evaluate(Entry, entry, context);

    /// <summary>The verdicts of rule set <paramref name="ruleSet"/>: the triggers of conditions it has (version ≤ it).</summary>
    public static IReadOnlyList<Trigger> Evaluate(Fact entry, RuleContext context, int ruleSet) =>
        [.. Evaluate(entry, context).Where(trigger => trigger.RuleVersion <= ruleSet)];

    public static IReadOnlyList<Trigger> Evaluate(IEnumerable<EntryRule> rules, Fact entry, RuleContext context) =>
        rules.Select(rule => rule.Judge(entry, context)).OfType<Trigger>().ToList();

    /// <summary>A check-in with a safety concern (v1), or a PHQ-9 whose item 9 is answered 1 or more (v2).</summary>
    public static Trigger? SafetyRule(Fact entry) => entry switch
    {
        CheckInFact { SafetyConcern: true } => new Trigger(Safety, V1, Severity.Critical, [entry.Id]),
        MeasureFact { ReportsSelfHarm: true } => new Trigger(Safety, V2, Severity.Critical, [entry.Id]),
        _ => null,
    };

    /// <summary>An inner-circle lapse inside the programme; one before sobrietyStartedAt is history.</summary>
    public static Trigger? LapseRule(Fact entry, RuleContext context) =>
        entry is LapseFact { Inner: true } lapse && lapse.OccurredAt >= context.SobrietyStartedAt
            ? new Trigger(Lapse, V1, Severity.High, [entry.Id])
            : null;

    /// <summary>
    /// ≥ 3 urges of intensity ≥ 7 whose occurredAt lie within 24 h of each other (inclusive), the new
    /// one among them. Any 24-hour window holding the new urge counts, so a back-dated urge that
    /// completes a cluster fires. Evidence: the strong urges of the fullest such window.
    /// </summary>
    public static Trigger? UrgeEscalationRule(Fact entry, RuleContext context)
    {
        if (entry is not UrgeFact { Intensity: >= StrongUrge }) return null;
        var strong = new List<Fact>();
        foreach (var fact in context.Facts)
            if (fact is UrgeFact { Intensity: >= StrongUrge }) strong.Add(fact);
        strong.Add(entry);
        var cluster = Windows.FullestAround(entry, strong, UrgeWindow);
        return cluster.Count >= UrgesInWindow ? new Trigger(UrgeEscalation, V1, Severity.Medium, Ids(cluster)) : null;
    }

    /// <summary>≥ 2 middle-circle slips within 7 × 24 h (inclusive), the new one among them; pre-programme slips are history.</summary>
    public static Trigger? SlipClusterRule(Fact entry, RuleContext context)
    {
        if (entry is not LapseFact { Inner: false } || entry.OccurredAt < context.SobrietyStartedAt) return null;
        var slips = context.Before.OfType<LapseFact>()
            .Where(l => !l.Inner && l.OccurredAt >= context.SobrietyStartedAt).Cast<Fact>().Append(entry);
        var cluster = Windows.FullestAround(entry, slips, SlipWindow);
        return cluster.Count >= SlipsInWindow ? new Trigger(SlipCluster, V1, Severity.Medium, Ids(cluster)) : null;
    }

    /// <summary>
    /// A missed session: medium; high when the session just before it (by occurredAt, any kind) was
    /// missed too. Evidence: the missed sessions in a row, oldest first.
    /// </summary>
    public static Trigger? MissedSessionRule(Fact entry, RuleContext context)
    {
        if (entry is not SessionFact { Attended: false }) return null;
        var run = context.Before.OfType<SessionFact>()
            .Where(s => Order.Before(s, entry))
            .OrderByDescending(s => s.OccurredAt).ThenByDescending(s => s.Id)
            .TakeWhile(s => !s.Attended)
            .Select(s => s.Id).Reverse().Append(entry.Id).ToList();
        return new Trigger(MissedSession, V1, run.Count >= 2 ? Severity.High : Severity.Medium, run);
    }

    /// <summary>
    /// Baseline: the check-ins in the 14 days from the first one (≥ 7); μ and σ (population, ≥ 0.5) of
    /// their craving. A check-in after that period fires when the check-ins in (c − 72 h, c] (≥ 2) have a
    /// mean craving ≥ 6 and ≥ μ + 1.5σ. Evidence: those recent check-ins.
    /// </summary>
    public static Trigger? CravingRisingRule(Fact entry, RuleContext context)
    {
        if (entry is not CheckInFact checkIn) return null;
        // Two passes over what arrived, in UTC ticks, no lists: the rule runs for every check-in of a bulk sync,
        // and a dense journey's baseline alone is hundreds of check-ins.
        var facts = context.Facts;
        var at = checkIn.OccurredAt.UtcTicks;
        var first = at;
        foreach (var fact in facts)
            if (fact is CheckInFact c && c.OccurredAt.UtcTicks < first) first = c.OccurredAt.UtcTicks;
        var baselineEnd = first + BaselinePeriod.Ticks;
        if (at < baselineEnd) return null;

        long n = 0, s = 0, q = 0, m = 1, r = checkIn.Craving; // the recent check-ins include the new one
        foreach (var fact in facts)
        {
            if (fact is not CheckInFact c) continue;
            var t = c.OccurredAt.UtcTicks;
            if (t < baselineEnd) (n, s, q) = (n + 1, s + c.Craving, q + (long)c.Craving * c.Craving);
            if (IsRecent(t, at)) (m, r) = (m + 1, r + c.Craving);
        }
        if (n < BaselineCheckIns || m < RecentCheckIns || !CravingExceedsBaseline(n, s, q, m, r)) return null;
        var recent = context.Before.OfType<CheckInFact>().Where(c => IsRecent(c.OccurredAt.UtcTicks, at)).Append(checkIn)
            .OrderBy(c => c.OccurredAt).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        return new Trigger(CravingRising, V1, Severity.Medium, recent);
    }

    /// <summary>
    /// A PHQ-9 or GAD-7 reliably worse than the previous measure of its instrument — the one just before it
    /// by (occurredAt, recordedAt, id), however old: score − previous ≥ the instrument's threshold. A late
    /// measure also has a successor that arrived before it: that successor is compared again, now with
    /// it. Evidence: the ids of each pair that worsened, oldest first (a late measure worse than its
    /// predecessor and much better than its successor cites all three in one trigger).
    /// </summary>
    public static Trigger? MeasureWorseningRule(Fact entry, RuleContext context)
    {
        if (entry is not MeasureFact measure || !ReliableWorsening.TryGetValue(measure.Instrument, out var threshold)) return null;
        MeasureFact? previous = null, next = null;
        foreach (var fact in context.Before)
        {
            if (fact is not MeasureFact other || other.Instrument != measure.Instrument) continue;
            if (other.Precedes(measure)) { if (previous is null || previous.Precedes(other)) previous = other; }
            else if (next is null || other.Precedes(next)) next = other;
        }
        var evidence = new List<Guid>();
        if (previous is not null && measure.Score - previous.Score >= threshold) evidence.AddRange([previous.Id, measure.Id]);
        if (next is not null && next.Score - measure.Score >= threshold) evidence.AddRange([measure.Id, next.Id]);
        return evidence.Count == 0 ? null : new Trigger(MeasureWorsening, V2, Severity.High, [.. evidence.Distinct()]);
    }

    /// <summary>In (c − 72 h, c], as UTC ticks: <paramref name="t"/> of another check-in, <paramref name="at"/> the new one's.</summary>
    private static bool IsRecent(long t, long at) => t > at - RecentWindow.Ticks && t <= at;

    /// <summary>
    /// mean(recent) ≥ 6 and ≥ μ + 1.5·max(σ, 0.5), decided in whole numbers: cravings are integers, and
    /// floating point would make an exact tie (common with integers) depend on the order of summing.
    /// With n baseline values (sum S, sum of squares Q), D = nQ − S² (so σ = √D / n), and m recent
    /// values (sum R): mean ≥ μ + 1.5σ ⇔ 2(nR − mS) ≥ 3m√D, compared squared when the left side is ≥ 0.
    /// </summary>
    internal static bool CravingExceedsBaseline(long n, long s, long q, long m, long r)
    {
        if (r < (long)CravingFloor * m) return false;
        var d = n * q - s * s;
        var lead = n * r - m * s;
        // σ below its 0.5 minimum (4D < n²): compare with 1.5 · 0.5 = 0.75, i.e. 4(nR − mS) ≥ 3mn.
        if (4 * d < n * n) return 4 * lead >= 3 * m * n;
        return lead >= 0 && 4 * lead * lead >= 9 * m * m * d;
    }

    private static List<Guid> Ids(IEnumerable<Fact> facts) => facts.OrderBy(f => f.OccurredAt).ThenBy(f => f.Id).Select(f => f.Id).ToList();
}

/// <summary>A total order on facts: occurredAt, then id, so equal instants never make results depend on arrival.</summary>
internal static class Order
{
    public static bool Before(Fact a, Fact b) => a.OccurredAt < b.OccurredAt || (a.OccurredAt == b.OccurredAt && a.Id.CompareTo(b.Id) < 0);
}

internal static class Windows
{
    private static readonly Comparison<Fact> ByOrder = (a, b) => a.OccurredAt != b.OccurredAt ? a.OccurredAt.CompareTo(b.OccurredAt) : a.Id.CompareTo(b.Id);

    /// <summary>
    /// Of the windows [s, s + width] that contain <paramref name="entry"/> and start at one of the facts,
    /// the one holding the most facts (earliest start on ties). Two pointers over the sorted facts: a bulk
    /// sync of many strong urges in one day stays linear per entry.
    /// </summary>
    public static IReadOnlyList<Fact> FullestAround(Fact entry, IEnumerable<Fact> facts, TimeSpan width)
    {
        var near = facts.Where(f => (f.OccurredAt - entry.OccurredAt).Duration() <= width).ToList();
        near.Sort(ByOrder);
        IReadOnlyList<Fact> best = [entry];
        int start = 0, end = 0;
        for (var i = 0; i < near.Count && near[i].OccurredAt <= entry.OccurredAt; i++)
        {
            if (i > 0 && near[i].OccurredAt == near[i - 1].OccurredAt) continue; // same start, same window
            start = i;
            if (end < start) end = start;
            while (end < near.Count && near[end].OccurredAt <= near[start].OccurredAt + width) end++;
            if (end - start > best.Count) best = near.GetRange(start, end - start);
        }
        return best;
    }
}

/// <summary>
/// One rule judged per entry: its id, its condition (<see cref="Judge"/>: a trigger or null) and the
/// history it reads around an entry (<see cref="History"/>), kept together so neither drifts.
/// </summary>
public sealed record EntryRule(string Id, Func<Fact, RuleContext, Trigger?> Judge, Func<Fact, IEnumerable<HistoryWindow>> History);

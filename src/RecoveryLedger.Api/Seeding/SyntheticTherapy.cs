using NodaTime;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Measures;

namespace RecoveryLedger.Api.Seeding;

/// <summary>
/// One synthetic client's measures and thought records. PHQ-9 and GAD-7 fall due every 14 days: the client
/// answers in the app on the day (~75 %), otherwise the clinician records them at the next attended session
/// before the next due day, or that fortnight has none. CSBD-19 at the start and every 12–14 weeks. Scores
/// ease towards a lower level for most clients (~80 %), stay level for the rest, and rise in the two weeks
/// before about half of the inner lapses. PHQ-9 item 9 is 0 but in ~0.5 % of forms. Strong urges are
/// sometimes worked through in a thought record, written from small built-in phrase lists.
/// Proportions are chosen so that rule set v2's <c>safety</c> (item 9 ≥ 1) and <c>measure-worsening</c>
/// (PHQ-9 +6, GAD-7 +4) stay rare. Draws from its own <see cref="Random"/>, so the other entries of a
/// journey are those the generator made before measures existed.
/// </summary>
internal sealed class SyntheticTherapy
{
    private const int Fortnight = 14;
    private const double ClientAnswersOnTheDay = 0.75;
    private const double SelfHarmAnswer = 0.005;
    private const double ThoughtRecordAfterStrongUrge = 0.3;
    public const int StrongUrge = 7;

    private static readonly string[] Emotions = [.. Vocabulary.Emotions.Where(w => w != "other").Order(StringComparer.Ordinal)];
    private static readonly string[] Distortions = [.. Vocabulary.Distortions.Where(w => w != "other").Order(StringComparer.Ordinal)];

    // Synthetic phrases, no one's words: enough variety to make a timeline readable.
    private static readonly string[] Situations =
    [
        "Alone at home after a long day", "Scrolling on the phone in bed", "After an argument at work", "Hotel room on a work trip",
        "Weekend afternoon with nothing planned", "After a difficult phone call", "Partner away for the evening", "Could not sleep",
    ];
    private static readonly string[] AutomaticThoughts =
    [
        "I deserve a break from trying so hard", "Nobody would ever know", "I have already ruined the day anyway",
        "I cannot cope with this feeling", "Just this once will not matter", "I will never really change",
        "Everyone else has it easier", "If I do not act now the feeling will never pass",
    ];
    private static readonly string[] EvidenceFor =
    [
        "The urge feels very strong right now", "I slipped last month", "I am tired and on my own", "Today went badly",
    ];
    private static readonly string[] EvidenceAgainst =
    [
        "Urges have passed before when I waited", "I have kept my plan for weeks", "I know who I can call",
        "Acting out has never made a bad day better", "I felt worse afterwards every time",
    ];
    private static readonly string[] BalancedThoughts =
    [
        "This is an urge, and urges pass", "A hard day does not have to end with a lapse", "I can rest without acting out",
        "One slip does not undo my progress", "Calling someone is harder for a minute and better for the evening",
    ];

    private readonly Random _random;
    private readonly int _phase;
    private readonly Course _phq9, _gad7, _csbd19;
    private readonly IReadOnlySet<int> _worseningBefore;
    private bool _due;
    private int _nextCsbd19;

    private sealed record Course(int Baseline, double Drop, int MaxBump);

    public SyntheticTherapy(Random random, IEnumerable<int> lapseDays)
    {
        _random = random;
        _phase = random.Next(Fortnight);
        var improves = random.NextDouble() < 0.8;
        double Drop(int baseline, double share) => improves ? baseline * share * (0.6 + 0.4 * random.NextDouble()) : 0;
        var phq9 = random.Next(6, 17);
        var gad7 = random.Next(4, 14);
        var csbd19 = random.Next(46, 73);
        _phq9 = new Course(phq9, Drop(phq9, 0.5), 4);
        _gad7 = new Course(gad7, Drop(gad7, 0.5), 2);
        _csbd19 = new Course(csbd19, Drop(csbd19 - Instrument.Csbd19.MinScore, 0.4), 6);
        _worseningBefore = lapseDays.Where(_ => random.NextDouble() < 0.5).ToHashSet();
    }

    /// <summary>What the client records in the app on day <paramref name="index"/> (evening, local time).</summary>
    public IEnumerable<Dictionary<string, object?>> ByClient(DateTimeZone zone, LocalDate date, int index)
    {
        if (index == _nextCsbd19)
        {
            _nextCsbd19 += _random.Next(84, 99);
            yield return Measure(Instrument.Csbd19, JourneyGenerator.At(zone, date, 19, _random.Next(60)), index);
        }
        if (index % Fortnight != _phase) yield break;
        _due = _random.NextDouble() >= ClientAnswersOnTheDay;
        if (_due) yield break;
        var at = JourneyGenerator.At(zone, date, 20, _random.Next(50));
        yield return Measure(Instrument.Phq9, at, index);
        yield return Measure(Instrument.Gad7, at.AddMinutes(5), index);
    }

    /// <summary>What the clinician records in a session: the fortnight's PHQ-9 and GAD-7 if still due and the client came.</summary>
    public IEnumerable<Dictionary<string, object?>> InSession(DateTimeOffset sessionAt, bool attended, int index)
    {
        if (!_due || !attended) yield break;
        _due = false;
        yield return Measure(Instrument.Phq9, sessionAt.AddMinutes(10), index);
        yield return Measure(Instrument.Gad7, sessionAt.AddMinutes(15), index);
    }

    /// <summary>Sometimes, after a strong urge, the client works through it in a thought record.</summary>
    public Dictionary<string, object?>? AfterUrge(DateTimeOffset urgeAt, int intensity)
    {
        if (intensity < StrongUrge || _random.NextDouble() >= ThoughtRecordAfterStrongUrge) return null;
        var e = JourneyGenerator.Entry(_random, Vocabulary.Kinds.ThoughtRecord, urgeAt.AddMinutes(_random.Next(30, 120)));
        e["situation"] = Pick(Situations);
        e["automaticThought"] = Pick(AutomaticThoughts);
        e["emotions"] = Emotions.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)).Select(name =>
        {
            var before = _random.Next(50, 96);
            var rating = new Dictionary<string, object?> { ["name"] = name, ["before"] = before };
            if (_random.NextDouble() < 0.8) rating["after"] = Math.Max(0, before - _random.Next(10, 45));
            return rating;
        }).ToArray();
        e["distortions"] = Distortions.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToArray();
        if (_random.NextDouble() < 0.7) e["evidenceFor"] = Pick(EvidenceFor);
        if (_random.NextDouble() < 0.8) e["evidenceAgainst"] = Pick(EvidenceAgainst);
        if (_random.NextDouble() < 0.8) e["balancedThought"] = Pick(BalancedThoughts);
        return e;
    }

    private string Pick(string[] phrases) => phrases[_random.Next(phrases.Length)];

    private Dictionary<string, object?> Measure(Instrument instrument, DateTimeOffset at, int index)
    {
        var course = instrument == Instrument.Phq9 ? _phq9 : instrument == Instrument.Gad7 ? _gad7 : _csbd19;
        var bump = _worseningBefore.Any(l => l - index is > 0 and <= Fortnight) ? _random.Next(course.MaxBump / 2, course.MaxBump + 1) : 0;
        var level = course.Baseline - course.Drop * (1 - Math.Exp(-index / 60.0)) + bump + _random.Next(-1, 2);
        var selfHarm = instrument == Instrument.Phq9 && _random.NextDouble() < SelfHarmAnswer ? 1 : 0;
        // PHQ-9's item 9 is drawn on its own: the other eight answers carry the rest of the score.
        var score = instrument == Instrument.Phq9
            ? Math.Clamp((int)Math.Round(level), selfHarm, instrument.MaxScore - instrument.MaxAnswer + selfHarm)
            : Math.Clamp((int)Math.Round(level), instrument.MinScore, instrument.MaxScore);
        var e = JourneyGenerator.Entry(_random, Vocabulary.Kinds.Measure, at);
        e["instrument"] = instrument.Name;
        e["items"] = Answers(instrument, score, instrument == Instrument.Phq9 ? selfHarm : null);
        return e;
    }

    /// <summary>Answers summing to the score: each starts at the minimum and random items are raised one step at a time.</summary>
    private int[] Answers(Instrument instrument, int score, int? selfHarm)
    {
        var items = Enumerable.Repeat(instrument.MinAnswer, instrument.ItemCount).ToArray();
        if (selfHarm is { } answer) items[Instrument.Phq9SelfHarmItem] = answer;
        var open = Enumerable.Range(0, items.Length).Where(i => selfHarm is null || i != Instrument.Phq9SelfHarmItem).ToList();
        for (var rest = score - items.Sum(); rest > 0; rest--)
        {
            var pick = open[_random.Next(open.Count)];
            items[pick]++;
            if (items[pick] == instrument.MaxAnswer) open.Remove(pick);
        }
        return items;
    }
}

namespace RecoveryLedger.Domain.Measures;

/// <summary>
/// A validated questionnaire as the programme scores it (docs/measures.md, product.md "Measures"): how many
/// answers, their range, and the bands of the total score. Only answers are stored, never the item texts:
/// the texts are the instruments' own (and licensed as such), and a number per item is all the care needs.
/// </summary>
public sealed record Instrument(string Name, int ItemCount, int MinAnswer, int MaxAnswer, IReadOnlyList<Band> Bands)
{
    /// <summary>Patient Health Questionnaire (depression). Item 9, <c>items[8]</c>, asks about thoughts of self-harm.</summary>
    public static readonly Instrument Phq9 = new("phq-9", 9, 0, 3,
        [new(0, "minimal"), new(5, "mild"), new(10, "moderate"), new(15, "moderately-severe"), new(20, "severe")]);

    /// <summary>Generalized Anxiety Disorder scale.</summary>
    public static readonly Instrument Gad7 = new("gad-7", 7, 0, 3,
        [new(0, "minimal"), new(5, "mild"), new(10, "moderate"), new(15, "severe")]);

    /// <summary>
    /// Compulsive Sexual Behavior Disorder scale (Bőthe et al. 2020). The cut-off 50 is a screening threshold
    /// from community samples: not a diagnosis and not a remission criterion.
    /// </summary>
    public static readonly Instrument Csbd19 = new("csbd-19", 19, 1, 4, [new(19, "below-cutoff"), new(Csbd19Cutoff, "at-or-above-cutoff")]);

    public const int Csbd19Cutoff = 50;

    /// <summary>The index of PHQ-9's self-harm item in <c>items</c>.</summary>
    public const int Phq9SelfHarmItem = 8;

    public static readonly IReadOnlyList<Instrument> All = [Phq9, Gad7, Csbd19];

    public static Instrument? Named(string name) => All.FirstOrDefault(instrument => instrument.Name == name);

    public int MinScore => ItemCount * MinAnswer;
    public int MaxScore => ItemCount * MaxAnswer;

    public bool Accepts(int answer) => answer >= MinAnswer && answer <= MaxAnswer;

    /// <summary>The total score: the sum of the answers (validated beforehand: count and range).</summary>
    public int Score(IReadOnlyList<int> items)
    {
        if (items.Count != ItemCount || !items.All(Accepts))
            throw new ArgumentException($"{Name} takes {ItemCount} answers of {MinAnswer} to {MaxAnswer}.", nameof(items));
        return items.Sum();
    }

    /// <summary>The band a score lies in: the last band whose lower bound it reaches.</summary>
    public string Band(int score)
    {
        if (score < MinScore || score > MaxScore)
            throw new ArgumentOutOfRangeException(nameof(score), score, $"{Name} scores {MinScore} to {MaxScore}.");
        return Bands.Last(band => score >= band.From).Name;
    }

    public Scored Scored(IReadOnlyList<int> items)
    {
        var score = Score(items);
        return new Scored(score, Band(score));
    }
}

/// <summary>A band of scores from <see cref="From"/> (inclusive) up to the next band.</summary>
public sealed record Band(int From, string Name);

/// <summary>A measure's total score and its band.</summary>
public sealed record Scored(int Score, string Band);

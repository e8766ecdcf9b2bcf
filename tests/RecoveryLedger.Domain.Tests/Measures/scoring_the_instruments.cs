using CsCheck;
using RecoveryLedger.Domain.Measures;

namespace RecoveryLedger.Domain.Tests.Measures;

/// <summary>Scores and bands exactly as product.md "Measures" says, at every band boundary.</summary>
public class scoring_the_instruments
{
    [Theory]
    [InlineData(0, "minimal"), InlineData(4, "minimal"), InlineData(5, "mild"), InlineData(9, "mild")]
    [InlineData(10, "moderate"), InlineData(14, "moderate"), InlineData(15, "moderately-severe"), InlineData(19, "moderately-severe")]
    [InlineData(20, "severe"), InlineData(27, "severe")]
    public void phq_9_bands(int score, string band) => Instrument.Phq9.Band(score).ShouldBe(band);

    [Theory]
    [InlineData(0, "minimal"), InlineData(4, "minimal"), InlineData(5, "mild"), InlineData(9, "mild")]
    [InlineData(10, "moderate"), InlineData(14, "moderate"), InlineData(15, "severe"), InlineData(21, "severe")]
    public void gad_7_bands(int score, string band) => Instrument.Gad7.Band(score).ShouldBe(band);

    [Theory]
    [InlineData(19, "below-cutoff"), InlineData(49, "below-cutoff"), InlineData(50, "at-or-above-cutoff"), InlineData(76, "at-or-above-cutoff")]
    public void csbd_19_bands(int score, string band) => Instrument.Csbd19.Band(score).ShouldBe(band);

    [Theory]
    [InlineData("phq-9", -1), InlineData("phq-9", 28), InlineData("gad-7", 22), InlineData("csbd-19", 18), InlineData("csbd-19", 77)]
    public void a_score_outside_the_range_has_no_band(string instrument, int score) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Instrument.Named(instrument)!.Band(score));

    [Fact]
    public void the_ranges_are_the_contracts()
    {
        (Instrument.Phq9.MinScore, Instrument.Phq9.MaxScore).ShouldBe((0, 27));
        (Instrument.Gad7.MinScore, Instrument.Gad7.MaxScore).ShouldBe((0, 21));
        (Instrument.Csbd19.MinScore, Instrument.Csbd19.MaxScore).ShouldBe((19, 76));
    }

    [Fact]
    public void a_phq_9_is_scored_as_the_sum_of_its_answers() =>
        Instrument.Phq9.Scored([1, 1, 2, 0, 3, 1, 2, 0, 1]).ShouldBe(new Scored(11, "moderate"));

    [Theory]
    [InlineData("phq-9", 8), InlineData("phq-9", 10), InlineData("gad-7", 9), InlineData("csbd-19", 7)]
    public void a_wrong_number_of_answers_is_not_scored(string instrument, int count) =>
        Should.Throw<ArgumentException>(() => Instrument.Named(instrument)!.Score(Enumerable.Repeat(1, count).ToList()));

    [Theory]
    [InlineData("phq-9", 4), InlineData("gad-7", -1), InlineData("csbd-19", 0), InlineData("csbd-19", 5)]
    public void an_answer_out_of_range_is_not_scored(string instrument, int answer)
    {
        var scale = Instrument.Named(instrument)!;
        var items = Enumerable.Repeat(scale.MinAnswer, scale.ItemCount).ToList();
        items[scale.ItemCount / 2] = answer;
        Should.Throw<ArgumentException>(() => scale.Score(items));
    }

    private static readonly Gen<(Instrument Scale, int[] Items)> Answers =
        Gen.OneOf(Instrument.All.ToArray()).SelectMany(scale =>
            Gen.Int[scale.MinAnswer, scale.MaxAnswer].Array[scale.ItemCount].Select(items => (scale, items)));

    [Fact]
    public void the_score_is_the_sum_of_the_answers() =>
        Answers.Sample(a => a.Scale.Score(a.Items).ShouldBe(a.Items.Sum()), iter: 1_000);

    [Fact]
    public void the_band_never_falls_as_the_score_rises() =>
        Gen.OneOf(Instrument.All.ToArray()).Sample(scale =>
        {
            var order = scale.Bands.Select(band => band.Name).ToList();
            var ranks = Enumerable.Range(scale.MinScore, scale.MaxScore - scale.MinScore + 1).Select(score => order.IndexOf(scale.Band(score))).ToList();
            ranks.ShouldBe(ranks.Order().ToList());
            ranks[0].ShouldBe(0);
            ranks[^1].ShouldBe(order.Count - 1);
        });

    [Fact]
    public void raising_one_answer_never_lowers_the_band() =>
        Answers.Sample(a =>
        {
            var index = Array.FindIndex(a.Items, answer => answer < a.Scale.MaxAnswer);
            if (index < 0) return;
            var higher = (int[])a.Items.Clone();
            higher[index]++;
            var order = a.Scale.Bands.Select(band => band.Name).ToList();
            order.IndexOf(a.Scale.Scored(higher).Band).ShouldBeGreaterThanOrEqualTo(order.IndexOf(a.Scale.Scored(a.Items).Band));
        }, iter: 1_000);
}

using RecoveryLedger.Domain.Analytics;

namespace RecoveryLedger.Domain.Tests.Analytics;

/// <summary>
/// The textbook example: remission times (weeks) of the 6-MP group of Freireich et al. (1963), as worked
/// in Kleinbaum &amp; Klein, "Survival Analysis", ch. 2: 6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,
/// 25+,32+,32+,34+,35+ (+ = censored).
/// </summary>
public sealed class the_kaplan_meier_estimator
{
    private static readonly SurvivalObservation[] SixMp =
    [
        new(6, true), new(6, true), new(6, true), new(6, false), new(7, true), new(9, false), new(10, true), new(10, false),
        new(11, false), new(13, true), new(16, true), new(17, false), new(19, false), new(20, false), new(22, true), new(23, true),
        new(25, false), new(32, false), new(32, false), new(34, false), new(35, false),
    ];

    [Fact]
    public void reproduces_the_textbook_table()
    {
        var points = KaplanMeier.Estimate(SixMp);

        points.Select(p => (p.Day, p.AtRisk, p.Events)).ShouldBe(
        [
            (0, 21, 0), (6, 21, 3), (7, 17, 1), (10, 15, 1), (13, 12, 1), (16, 11, 1), (22, 7, 1), (23, 6, 1),
        ]);
        points.Select(p => Math.Round(p.Survival, 4)).ShouldBe([1.0, 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482]);
    }

    [Fact]
    public void with_only_censored_clients_stays_at_one()
    {
        var points = KaplanMeier.Estimate([new(3, false), new(5, false)]);
        points.ShouldHaveSingleItem().ShouldBe(new SurvivalPoint(0, 1.0, 2, 0));
    }

    [Fact]
    public void counts_an_event_on_day_zero_at_day_zero()
    {
        var points = KaplanMeier.Estimate([new(0, true), new(4, false), new(9, true), new(9, false)]);
        points.ShouldBe([new SurvivalPoint(0, 0.75, 4, 1), new SurvivalPoint(9, 0.375, 2, 1)]);
    }
}

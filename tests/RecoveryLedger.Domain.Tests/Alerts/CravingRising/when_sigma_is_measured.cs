using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.CravingRising;

/// <summary>
/// Baseline 0,0,0,0,0,7,7: μ = 2, Σ(x − μ)² = 5·4 + 2·25 = 70.
/// Population σ = √(70/7) = √10 ≈ 3.162, so μ + 1.5σ ≈ 6.74: a recent mean of 7 fires.
/// Sample σ = √(70/6) ≈ 3.416 would give ≈ 7.12: it would not.
/// </summary>
public class when_sigma_is_measured
{
    [Fact]
    public void it_is_the_population_standard_deviation()
    {
        var earlier = Entry.CheckIn(At.Day(15), craving: 7);
        var checkIn = Entry.CheckIn(At.Day(15.5), craving: 7);

        AlertRules.CravingRisingRule(checkIn, History.Before([.. Entry.DailyCheckIns(0, 0, 0, 0, 0, 7, 7), earlier]))
            .ShouldFire(AlertRules.CravingRising, Severity.Medium, earlier, checkIn);
    }
}

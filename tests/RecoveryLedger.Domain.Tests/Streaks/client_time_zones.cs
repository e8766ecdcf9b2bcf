using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks;

public class client_time_zones
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific/Auckland")]
    [InlineData("Asia/Kolkata")]
    public void an_iana_zone_is_known(string id) => ClientTimeZones.IsKnown(id).ShouldBeTrue();

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void anything_else_is_not_known(string? id) => ClientTimeZones.IsKnown(id).ShouldBeFalse();

    [Fact]
    public void get_returns_the_tzdb_zone() => ClientTimeZones.Get("Europe/Berlin").Id.ShouldBe("Europe/Berlin");

    [Fact]
    public void get_rejects_an_unknown_zone() => Should.Throw<ArgumentException>(() => ClientTimeZones.Get("Mars/Olympus"));

    [Fact]
    public void the_calculator_rejects_an_unknown_zone() =>
        Should.Throw<ArgumentException>(() => StreakCalculator.Calculate(
            new StreakHistory("Mars/Olympus", DateTimeOffset.UnixEpoch, []), DateTimeOffset.UnixEpoch));
}

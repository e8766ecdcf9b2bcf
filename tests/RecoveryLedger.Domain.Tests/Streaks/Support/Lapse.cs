using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Support;

internal static class Lapse
{
    public static LapseRecord Inner(DateTimeOffset at) => new(at, LapseCircle.Inner);

    public static LapseRecord Middle(DateTimeOffset at) => new(at, LapseCircle.Middle);
}

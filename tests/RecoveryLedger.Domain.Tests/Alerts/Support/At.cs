namespace RecoveryLedger.Domain.Tests.Alerts.Support;

/// <summary>Fixed instants, written as an offset from one origin so examples read like the spec ("24 h later").</summary>
internal static class At
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Hour(double hours) => Origin.AddHours(hours);

    public static DateTimeOffset Day(double days) => Origin.AddDays(days);
}

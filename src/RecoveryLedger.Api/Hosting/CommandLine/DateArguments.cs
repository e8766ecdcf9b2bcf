using System.Globalization;

namespace RecoveryLedger.Api.Hosting.CommandLine;

/// <summary>The --from/--to dates of the command-line jobs.</summary>
public static class DateArguments
{
    /// <summary>Null when both are dates YYYY-MM-DD in order; otherwise what is wrong.</summary>
    public static string? Parse(string fromText, string toText, out DateOnly from, out DateOnly to)
    {
        to = default;
        var fromOk = DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from);
        var toOk = DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to);
        return !fromOk || !toOk ? "--from and --to must be dates YYYY-MM-DD."
            : from > to ? "--from must not be after --to."
            : null;
    }
}

using System.Globalization;
using System.Text;
using Parquet.Serialization;

namespace RecoveryLedger.Api.Analytics.Exporting;

/// <summary>One row of the exported cohort table (the same de-identified figures the API serves).</summary>
public sealed class CohortRow
{
    public string WeekStart { get; set; } = "";
    public int? ActiveClients { get; set; }
    public int? Urges { get; set; }
    public double? MeanUrgeIntensity { get; set; }
    public int? CopingSuccesses { get; set; }
    public int? InnerLapses { get; set; }
    public int? MiddleSlips { get; set; }
    public int? SessionsAttended { get; set; }
    public int? SessionsMissed { get; set; }
    public double? MeanPhq9 { get; set; }
    public double? MeanGad7 { get; set; }
    public int? Csbd19AtOrAboveCutoff { get; set; }
    public string SuppressedFields { get; set; } = "";

    public static CohortRow Of(CohortWeek w) => new()
    {
        WeekStart = w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ActiveClients = w.ActiveClients, Urges = w.Urges,
        MeanUrgeIntensity = w.MeanUrgeIntensity, CopingSuccesses = w.CopingSuccesses, InnerLapses = w.InnerLapses,
        MiddleSlips = w.MiddleSlips, SessionsAttended = w.SessionsAttended, SessionsMissed = w.SessionsMissed,
        MeanPhq9 = w.MeanPhq9, MeanGad7 = w.MeanGad7, Csbd19AtOrAboveCutoff = w.Csbd19AtOrAboveCutoff,
        SuppressedFields = string.Join(';', w.SuppressedFields),
    };
}

/// <summary>Writes the cohort table as CSV (RFC 4180, empty cell = withheld) or Parquet.</summary>
public static class CohortExport
{
    public static readonly string[] Formats = ["csv", "parquet"];

    public static async Task Write(CohortView view, string format, Stream destination, CancellationToken cancellation)
    {
        var rows = view.Weeks.Select(CohortRow.Of).ToList();
        if (format == "parquet") await ParquetSerializer.SerializeAsync(rows, destination, cancellationToken: cancellation);
        else await WriteCsv(rows, destination, cancellation);
    }

    private static async Task WriteCsv(IReadOnlyList<CohortRow> rows, Stream destination, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(destination, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync("weekStart,activeClients,urges,meanUrgeIntensity,copingSuccesses,innerLapses,middleSlips,sessionsAttended,sessionsMissed,meanPhq9,meanGad7,csbd19AtOrAboveCutoff,suppressedFields");
        foreach (var r in rows)
        {
            cancellation.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', r.WeekStart, N(r.ActiveClients), N(r.Urges),
                M(r.MeanUrgeIntensity), N(r.CopingSuccesses), N(r.InnerLapses), N(r.MiddleSlips), N(r.SessionsAttended),
                N(r.SessionsMissed), M(r.MeanPhq9), M(r.MeanGad7), N(r.Csbd19AtOrAboveCutoff), r.SuppressedFields));
        }
    }

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string M(double? mean) => mean?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}

namespace RecoveryLedger.Api.Analytics;

/// <summary>What one UTC day of one client contributes to the cohort table.</summary>
public sealed class DayCounts
{
    public int Entries { get; set; }
    public int Urges { get; set; }
    public int UrgeIntensitySum { get; set; }
    public int CopingSuccesses { get; set; }
    public int InnerLapses { get; set; }
    public int MiddleSlips { get; set; }
    public int SessionsAttended { get; set; }
    public int SessionsMissed { get; set; }
    public int Phq9s { get; set; }
    public int Phq9ScoreSum { get; set; }
    public int Gad7s { get; set; }
    public int Gad7ScoreSum { get; set; }
    /// <summary>
    /// The score of the day's latest CSBD-19, or null. Within one day "latest" is the one recorded last: the read
    /// model keeps no instants to order by, and two CSBD-19 on one day are rare.
    /// </summary>
    public int? Csbd19Score { get; set; }
}

public sealed class StrategyCounts
{
    public int Resisted { get; set; }
    public int Partly { get; set; }
}

/// <summary>
/// One client's de-identified contribution to analytics: keyed by a pseudonym (never the client id),
/// with day buckets (UTC dates), client-local hours of urges by trigger, coping outcomes by strategy, and
/// the days from the programme start to the first inner lapse. No free text, no instants.
/// </summary>
public sealed class ClientAnalytics
{
    public Guid Id { get; set; }
    public string TimeZone { get; set; } = "";
    /// <summary>The local date on which sobriety started.</summary>
    public DateOnly StartDay { get; set; }
    /// <summary>Local days from <see cref="StartDay"/> to the first inner-circle lapse on or after it.</summary>
    public int? FirstLapseDay { get; set; }
    /// <summary>Keyed by UTC date (yyyy-MM-dd).</summary>
    public Dictionary<string, DayCounts> Days { get; set; } = [];
    /// <summary>Urges by UTC date, trigger and client-local hour (0–23).</summary>
    public Dictionary<TriggerHour, int> TriggerHours { get; set; } = [];
    /// <summary>Coping outcomes by UTC date and strategy.</summary>
    public Dictionary<StrategyDay, StrategyCounts> Strategies { get; set; } = [];
}

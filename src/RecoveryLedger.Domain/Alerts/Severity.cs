namespace RecoveryLedger.Domain.Alerts;

/// <summary>Alert severities, ordered: a larger value is more severe.</summary>
public enum Severity
{
    Info = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}

public static class Severities
{
    public static string Name(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static Severity Parse(string name) => name switch
    {
        "info" => Severity.Info,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown severity."),
    };
}

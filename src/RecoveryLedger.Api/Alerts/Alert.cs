using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts;

public static class AlertStatus
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Open, Acknowledged, Resolved };
    public static bool IsActive(string status) => status is Open or Acknowledged;
}

/// <summary>An alert's current state (inline snapshot of its stream): what the inbox and caseload read.</summary>
public sealed class Alert
{
    public Guid Id { get; set; }
    public Guid ClientId { get; set; }
    public string Rule { get; set; } = "";
    public int RuleVersion { get; set; }
    public string Severity { get; set; } = "";
    public string Status { get; set; } = AlertStatus.Open;
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset LastTriggeredAt { get; set; }
    public int Occurrences { get; set; }
    public List<Guid> Evidence { get; set; } = [];
    public int Version { get; set; }

    public bool IsActive => AlertStatus.IsActive(Status);

    public static Alert Create(AlertRaised e) => new()
    {
        Id = e.AlertId, ClientId = e.ClientId, Rule = e.Rule, RuleVersion = e.RuleVersion, Severity = e.Severity,
        Status = AlertStatus.Open, RaisedAt = e.RaisedAt, LastTriggeredAt = e.RaisedAt, Occurrences = 1, Evidence = [.. e.Evidence],
    };

    public void Apply(AlertRetriggered e)
    {
        Occurrences += e.Occurrences;
        LastTriggeredAt = e.TriggeredAt;
        Status = AlertStatus.Open;
        Severity = e.Severity;
        Evidence.AddRange(e.Evidence.Except(Evidence));
    }

    public void Apply(AlertAcknowledged e) => Status = AlertStatus.Acknowledged;

    public void Apply(AlertResolved e) => Status = AlertStatus.Resolved;

    public Severity Level => Severities.Parse(Severity);

    /// <summary>The alert as a clinician's step leaves it (what the step's answer shows).</summary>
    public Alert After(object step)
    {
        var after = Copy();
        switch (step)
        {
            case AlertAcknowledged e: after.Apply(e); break;
            case AlertResolved e: after.Apply(e); break;
            default: throw new ArgumentException($"Not a clinician's step: {step.GetType().Name}", nameof(step));
        }
        return after;
    }

    public Alert Copy()
    {
        var copy = (Alert)MemberwiseClone();
        copy.Evidence = [.. Evidence];
        return copy;
    }
}

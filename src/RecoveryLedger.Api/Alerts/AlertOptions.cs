namespace RecoveryLedger.Api.Alerts;

/// <summary>The <c>Alerts</c> configuration section.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Quiet time after which <c>disengagement</c> fires (a TimeSpan: <c>3.00:00:00</c>, not <c>72:00:00</c>).</summary>
    public TimeSpan DisengagementAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Where raised alerts and severity rises are POSTed; none when absent.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>HMAC-SHA256 key of the <c>X-RecoveryLedger-Signature</c> header.</summary>
    public string? WebhookSecret { get; set; }
}

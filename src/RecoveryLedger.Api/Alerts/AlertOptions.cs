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

    /// <summary>
    /// Pauses between delivery tries; after the last one a notice is dead-lettered. Null means the
    /// defaults (a bound array would be appended to a default one, not replace it).
    /// </summary>
    public TimeSpan[]? WebhookRetryPauses { get; set; }

    public static readonly TimeSpan[] DefaultRetryPauses =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>
    /// Journey events the alert pipeline takes at most per page (Marten's subscription batch size). Live
    /// traffic makes small pages anyway; a backlog is digested faster in large ones (docs/performance.md).
    /// </summary>
    public int PageSize { get; set; } = 32000;

    /// <summary>Clients of one page judged at once, each in its own transaction (and database connection).</summary>
    public int PageParallelism { get; set; } = 4 * Environment.ProcessorCount;

    public TimeSpan[] RetryPauses => WebhookRetryPauses is { Length: > 0 } pauses ? pauses : DefaultRetryPauses;
}

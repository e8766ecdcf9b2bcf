using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace RecoveryLedger.Api.Alerts.Delivering;

/// <summary>
/// Delivers alert notices to the clinic's webhook, at least once: notices are stored in Wolverine's
/// outbox with the alert itself, a failed POST is retried with growing pauses, and after the last try
/// the notice moves to Wolverine's dead-letter table (visible, not lost).
/// </summary>
public static class AlertNoticeHandler
{
    public const string HttpClientName = "alert-webhook";
    public const string SignatureHeader = "X-RecoveryLedger-Signature";

    /// <summary>Pauses between tries; a test host shortens them.</summary>
    public static TimeSpan[] RetryPauses { get; set; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    public static void Configure(HandlerChain chain) =>
        chain.OnException<Exception>().ScheduleRetry(RetryPauses).Then.MoveToErrorQueue();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task Handle(AlertNotice notice, IHttpClientFactory clients, IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        var settings = options.Value;
        if (settings.WebhookUrl is null) return;

        var body = JsonSerializer.SerializeToUtf8Bytes(notice, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(SignatureHeader, Sign(body, settings.WebhookSecret ?? ""));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the raw body under the shared secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

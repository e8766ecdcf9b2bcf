using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

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
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellation);
            if (!response.IsSuccessStatusCode)
                throw new WebhookDeliveryFailed($"The webhook answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new WebhookDeliveryFailed($"The webhook could not be reached ({e.GetType().Name}).");
        }
    }

    /// <summary><c>sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the raw body under the shared secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>A delivery that did not succeed; retried with pauses, then dead-lettered (AlertsSetup).</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

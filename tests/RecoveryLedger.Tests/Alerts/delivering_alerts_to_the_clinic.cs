using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using Npgsql;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>A real HTTP listener in the test process playing the clinic's system.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Requests received, per client id: (raw body, signature header).</summary>
    public ConcurrentDictionary<Guid, ConcurrentQueue<(string Body, string? Signature)>> Received { get; } = new();

    /// <summary>How many more times to answer 500 for a client; -1: always.</summary>
    public ConcurrentDictionary<Guid, int> FailuresAhead { get; } = new();

    public Uri Url { get; }

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var clientId = JsonNode.Parse(body)!["clientId"]!.GetValue<Guid>();
            Received.GetOrAdd(clientId, _ => new()).Enqueue((body, context.Request.Headers["X-RecoveryLedger-Signature"]));
            var failures = FailuresAhead.GetValueOrDefault(clientId);
            if (failures > 0) FailuresAhead[clientId] = failures - 1;
            context.Response.StatusCode = failures != 0 ? 500 : 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { /* stopping */ }
        _listener.Close();
    }
}

public sealed class WebhookHost : IAsyncLifetime
{
    public const string Secret = "webhook-secret-for-tests";
    public WebhookReceiver Receiver { get; } = new();
    public IAlbaHost Host { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestHosts.NewDatabase("webhook");
        Host = await TestHosts.Start(Database, settings: new Dictionary<string, string?>
        {
            ["Alerts:WebhookUrl"] = Receiver.Url.ToString(),
            ["Alerts:WebhookSecret"] = Secret,
            ["Alerts:WebhookRetryPauses:0"] = "00:00:00.200",
            ["Alerts:WebhookRetryPauses:1"] = "00:00:00.400",
            ["Alerts:WebhookRetryPauses:2"] = "00:00:00.600",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class delivering_alerts_to_the_clinic(WebhookHost webhook) : IClassFixture<WebhookHost>
{
    private readonly ApiDriver _api = new(webhook.Host, new() { SigningKey = AppFixture.SigningKey });

    private async Task<Client> ClientWithALapse(int failuresAhead = 0)
    {
        var client = await _api.EnrolledClient(pseudonym: "Marker-Pseudonym-7f3a");
        webhook.Receiver.FailuresAhead[client.Id] = failuresAhead;
        await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1), note: "Marker-Note-9c1e"));
        return client;
    }

    private Task<ConcurrentQueue<(string Body, string? Signature)>> Requests(Client client, int atLeast) =>
        Eventually.Get(() => Task.FromResult(webhook.Receiver.Received.TryGetValue(client.Id, out var q) && q.Count >= atLeast ? q : null),
            TimeSpan.FromSeconds(10), $"{atLeast} webhook request(s)");

    [Fact]
    public async Task posts_the_raised_alert_signed_with_the_shared_secret_and_nothing_personal()
    {
        var client = await ClientWithALapse();

        var (body, signature) = (await Requests(client, 1)).First();

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookHost.Secret), Encoding.UTF8.GetBytes(body)));
        signature.ShouldBe(expected);
        var payload = JsonNode.Parse(body)!.AsObject();
        payload.Select(p => p.Key).ShouldBe(["alertId", "tenant", "clientId", "rule", "severity", "status", "raisedAt"], ignoreOrder: true);
        payload["tenant"]!.GetValue<string>().ShouldBe(client.Tenant);
        payload["rule"]!.GetValue<string>().ShouldBe("lapse");
        payload["severity"]!.GetValue<string>().ShouldBe("high");
        payload["status"]!.GetValue<string>().ShouldBe("open");
        body.ShouldNotContain("Marker-");
    }

    [Fact]
    public async Task retries_a_failed_delivery_until_it_succeeds()
    {
        var client = await ClientWithALapse(failuresAhead: 2);
        var requests = await Requests(client, 3);
        requests.Select(r => r.Body).Distinct().Count().ShouldBe(1); // the same notice each time
    }

    [Fact]
    public async Task dead_letters_a_notice_that_keeps_failing()
    {
        var client = await ClientWithALapse(failuresAhead: -1);
        await Requests(client, 3); // tried, and tried again

        var deadLetters = await Eventually.Get(async () =>
        {
            await using var connection = new NpgsqlConnection(webhook.Database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from recoveryledger.wolverine_dead_letters where message_type like '%AlertNotice%'", connection);
            var count = (long)(await command.ExecuteScalarAsync())!;
            return count > 0 ? (object)count : null;
        }, TimeSpan.FromSeconds(10), "the notice in the dead-letter table");
        ((long)deadLetters).ShouldBe(1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        webhook.Receiver.Received[client.Id].Count.ShouldBe(4); // the first try and one per retry pause, then no more
    }
}

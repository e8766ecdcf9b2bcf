using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Tests.Privacy;
using RecoveryLedger.Tests.Support;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Resilience;

/// <summary>
/// PostgreSQL goes away under a running service (a relay between them is cut) and comes back: every
/// request meanwhile is a 503 problem with Retry-After, the log says so once, nothing half-stored, and
/// the service serves again by itself when the database is back.
/// </summary>
public sealed class a_database_outage
{
    [Fact]
    public async Task is_answered_503_with_retry_after_logged_once_and_healed_without_a_restart()
    {
        var database = new NpgsqlConnectionStringBuilder(await TestHosts.NewDatabase("outage"));
        await using var relay = new CuttableProxy(database.Host!, database.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port }.ConnectionString;
        using var capture = new TelemetryCapture();
        await using var host = await TestHosts.Start(viaRelay, services => services.AddLogging(l => l.AddProvider(capture)));
        var api = new ApiDriver(host, new AuthOptions { SigningKey = AppFixture.SigningKey });

        var client = await api.EnrolledClient();
        var stored = new[] { Entries.Urge(DateTimeOffset.UtcNow.AddHours(-2), 4), Entries.CheckIn(DateTimeOffset.UtcNow.AddHours(-1)) };
        await api.Append(client, stored);
        var duringOutage = new { entries = new[] { Entries.Urge(DateTimeOffset.UtcNow.AddMinutes(-5), 6) } };

        relay.Cut();
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => api.Post($"/api/clients/{client.Id}/entries", client.Self, duringOutage),
            () => api.Get($"/api/clients/{client.Id}/timeline", client.Clinician),
            () => api.Get($"/api/clients/{client.Id}/streak", client.Self),
            () => api.Get($"/api/clients/{client.Id}", client.Clinician),
            () => api.Get("/api/alerts", client.Clinician),
            () => api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, new { inner = new[] { "a" }, middle = Array.Empty<string>(), outer = Array.Empty<string>() }),
            () => api.Post("/api/clients", client.Clinician, new { pseudonym = "P", timeZone = "UTC", sobrietyStartedAt = "2026-11-01T00:00:00Z" }),
        };
        foreach (var request in requests.Concat(requests))
        {
            var response = await request();
            await response.ShouldBeProblem(ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        }
        (await api.Get("/health/ready", null)).StatusCode.ShouldBe(ServiceUnavailable);
        var warnings = capture.Lines.Where(line => line.Contains("Database unavailable")).ToList();
        warnings.Count.ShouldBe(1, "one line per outage, not one per request");
        warnings[0].ShouldContain("Warning");
        warnings[0].ShouldContain("POST /api/clients/{clientId}/entries", customMessage: warnings[0]);
        warnings[0].ShouldNotContain(client.Id.ToString()); // the route, never a client's id
        capture.Lines.ShouldNotContain(line => line.Contains("ExceptionProblems") && line.StartsWith("log Error"));

        relay.Restore();
        await Eventually.Get(async () => (await api.Get("/health/ready", null)).StatusCode == OK ? "ready" : null,
            TimeSpan.FromSeconds(30), "ready again once the database is back");
        var timeline = (await (await api.Get($"/api/clients/{client.Id}/timeline", client.Self)).Json())["items"]!.AsArray();
        timeline.Count(item => item!["kind"]!.GetValue<string>() != "enrolled").ShouldBe(stored.Length, "the append refused during the outage stored nothing");
        await (await api.Post($"/api/clients/{client.Id}/entries", client.Self, duringOutage)).ShouldBe(OK);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryLedger.Tests.Alerts;

namespace RecoveryLedger.Tests.Privacy;

/// <summary>Captures every log line, span and metric tag the host produces.</summary>
public sealed class TelemetryCapture : ILoggerProvider, IDisposable
{
    public ConcurrentQueue<string> Lines { get; } = new();
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics = new();

    public TelemetryCapture()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Lines.Enqueue(
                $"span {activity.Source.Name} {activity.DisplayName} {activity.StatusDescription} " +
                string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
                string.Join(" ", activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))),
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _metrics.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        _metrics.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        _metrics.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        _metrics.Start();
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new System.Text.StringBuilder($"metric {instrument.Meter.Name} {instrument.Name}");
        foreach (var tag in tags) text.Append($" {tag.Key}={tag.Value}");
        Lines.Enqueue(text.ToString());
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"scope {category} {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"log {logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}

/// <summary>
/// Drives a whole story with recognisable marker strings in every free-text field (pseudonym, notes,
/// plan circles, behaviour, a clinician's note, a goal's statement and review note, and text in a rejected request) and fails if a marker
/// reaches any captured log line, span attribute, metric tag, or error body.
/// </summary>
public sealed class nothing_personal_leaves_through_telemetry
{
    private const string Marker = "ZQXMARKER";

    [Fact]
    public async Task in_a_full_scenario_with_marker_strings()
    {
        using var capture = new TelemetryCapture();
        await using var host = await TestHosts.Start(await TestHosts.NewDatabase("leak"),
            services => services.AddLogging(logging => logging.AddProvider(capture)));
        var api = new ApiDriver(host, new() { SigningKey = AppFixture.SigningKey });
        var now = DateTimeOffset.UtcNow;

        var client = await api.EnrolledClient(pseudonym: $"{Marker}-pseudonym");
        await api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self,
            new { inner = new[] { $"{Marker}-inner" }, middle = new[] { $"{Marker}-middle" }, outer = new[] { $"{Marker}-outer" } });
        await api.Append(client,
            Entries.CheckIn(now.AddHours(-5), safetyConcern: true, note: $"{Marker}-check-in-note"),
            Entries.Urge(now.AddHours(-4), 9, note: $"{Marker}-urge-note"),
            new { id = Guid.NewGuid(), kind = "lapse", occurredAt = ApiDriver.Iso(now.AddHours(-3)), circle = "inner",
                  behavior = $"{Marker}-behavior", note = $"{Marker}-lapse-note" },
            Entries.Measure(now.AddHours(-3), "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 1], note: $"{Marker}-measure-note"),
            Entries.ThoughtRecord(now.AddHours(-2), $"{Marker}-situation", $"{Marker}-thought", balancedThought: $"{Marker}-balanced",
                evidenceFor: $"{Marker}-for", evidenceAgainst: $"{Marker}-against", note: $"{Marker}-thought-note"));
        var alerts = await api.AlertsWhen(client, a => a.Count >= 2, "safety and lapse alerts");
        await api.Post($"/api/alerts/{alerts[0]!.Id()}/acknowledge", client.Clinician, new { note = $"{Marker}-clinician-note" });
        var goal = $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}";
        await (await api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "intimacy", statement = $"{Marker}-goal-statement" }))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        await (await api.Post($"{goal}/reviews", client.Clinician, new { progress = 4, note = $"{Marker}-review-note" }))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        await api.Post($"{goal}/status", client.Clinician, new { status = "achieved" });
        await api.Post($"{goal}/reviews", client.Clinician, new { progress = 5, note = $"{Marker}-refused-review-note" }); // 409
        (await (await api.Get($"/api/clients/{client.Id}/goals", client.Clinician)).Content.ReadAsStringAsync()).ShouldContain($"{Marker}-review-note");
        await api.Timeline(client, actor: client.Clinician);
        await api.Streak(client, actor: client.Clinician);
        await api.Get($"/api/clients/{client.Id}/measures?instrument=phq-9", client.Clinician);
        // A supporter's look: the shared view carries the pseudonym and the check-ins' numbers, never into telemetry.
        var supporter = api.Supporter(client.Tenant);
        await api.Grant(client, supporter, ["streak", "milestones", "mood", "craving"], "partner");
        (await (await api.Get($"/api/clients/{client.Id}/shared", supporter)).Content.ReadAsStringAsync()).ShouldContain(Marker);
        await api.Get("/api/supporting", supporter);
        await api.Get($"/api/clients/{client.Id}/supporters", client.Clinician);
        await api.Get("/api/caseload", client.Clinician);
        await api.Get($"/api/clients/{client.Id}", client.Clinician);
        // The exports carry every note in their bodies (the client's own copy), never into telemetry.
        (await (await api.Get($"/api/clients/{client.Id}/export", client.Self)).Content.ReadAsStringAsync()).ShouldContain(Marker);
        (await (await api.Get($"/api/clients/{client.Id}/export?format=fhir", client.Self)).Content.ReadAsStringAsync()).ShouldContain(Marker);

        // Rejected requests: their text must not come back in the error, nor go to the logs.
        var errors = new[]
        {
            await api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self,
                rawBody: $$"""{"entries":[{"id":"{{Guid.NewGuid()}}","kind":"urge","occurredAt":"{{Marker}}","intensity":"{{Marker}}","note":"{{Marker}}{{new string('x', 2001)}}"}]}"""),
            await api.Send(HttpMethod.Post, "/api/clients", client.Clinician, rawBody: $"{{\"pseudonym\": \"{Marker}"),
            await api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self,
                rawBody: $$"""{"entries":[{"id":"{{Guid.NewGuid()}}","kind":"thought-record","occurredAt":"2026-11-20T10:00:00Z","situation":"{{Marker}}{{new string('x', 500)}}","automaticThought":"{{Marker}}","emotions":[{"name":"{{Marker}}","before":1}]}]}"""),
            await api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, rawBody: $"{{\"inner\":[\"{Marker}{new string('x', 201)}\"]}}"),
            await api.Send(HttpMethod.Post, "/api/clients", client.Clinician,
                rawBody: $"{{\"pseudonym\":\"{Marker}\",\"timeZone\":\"{Marker}/Zone\",\"sobrietyStartedAt\":\"{Marker}\"}}"),
            await api.Send(HttpMethod.Put, goal, client.Clinician,
                rawBody: $"{{\"area\":\"{Marker}\",\"statement\":\"{Marker}{new string('x', 300)}\",\"targetDate\":\"{Marker}\"}}"),
            await api.Send(HttpMethod.Post, $"{goal}/reviews", client.Clinician,
                rawBody: $"{{\"progress\":\"{Marker}\",\"note\":\"{Marker}{new string('x', 2000)}\"}}"),
        };
        foreach (var error in errors)
        {
            ((int)error.StatusCode).ShouldBe(400);
            (await error.Content.ReadAsStringAsync()).ShouldNotContain(Marker);
        }
        await Task.Delay(500); // let the last spans and log lines of background work land

        capture.Lines.Count.ShouldBeGreaterThan(100, "the capture should have seen the host's telemetry");
        capture.Lines.ShouldContain(line => line.StartsWith("span"));
        capture.Lines.ShouldContain(line => line.StartsWith("metric"));
        capture.Lines.ShouldContain(line => line.StartsWith("log"));
        capture.Lines.ShouldContain(line => line.Contains(client.Id.ToString())); // ids may appear; their content may not
        capture.Lines.Where(line => line.Contains(Marker, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
    }
}

using System.Text;
using Alba;

namespace RecoveryLedger.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class transport_and_input_hygiene(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    [Fact]
    public async Task a_body_above_the_limit_is_a_413_problem()
    {
        var client = await _api.EnrolledClient();
        var body = "{\"entries\":[" + new string(' ', 8 * 1024 * 1024) + "]}";
        var response = await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody: body);
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task a_nul_character_in_free_text_is_a_400_naming_the_field()
    {
        // JSON allows \u0000 in a string; PostgreSQL's jsonb cannot store it (found by the fuzz run: it was a 500).
        var client = await _api.EnrolledClient();
        var entry = $$$"""{"entries":[{"id":"{{{Guid.NewGuid()}}}","kind":"lapse","occurredAt":"2026-11-20T10:00:00Z","circle":"middle","note":"a\u0000b"}]}""";
        await (await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody: entry)).ShouldBeValidationProblem("entries[0].note");
        var plan = """{"inner":["x\u0000"],"middle":[],"outer":[]}""";
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, rawBody: plan)).ShouldBeValidationProblem("inner[0]");
    }

    [Fact]
    public async Task an_all_zero_id_in_the_path_is_a_404()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Send(HttpMethod.Delete, $"/api/clients/{Guid.Empty}/care-team/{Guid.NewGuid()}", client.Clinician)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Send(HttpMethod.Post, $"/api/alerts/{Guid.Empty}/acknowledge", client.Clinician)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{Guid.Empty}/plan", client.Self,
            new { inner = new[] { "a" }, middle = Array.Empty<string>(), outer = Array.Empty<string>() })).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task json_nested_too_deep_is_a_400()
    {
        var client = await _api.EnrolledClient();
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);
        await (await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody: deep)).ShouldBeValidationProblem("$");
    }

    [Fact]
    public async Task responses_are_not_cached_framed_or_sniffed()
    {
        var client = await _api.EnrolledClient();
        var response = await _api.Get($"/api/clients/{client.Id}/streak", client.Self);
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task there_is_no_cors_unless_configured()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/clients");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await _api.Http.SendAsync(request);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}

public sealed class RateLimitedHost : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await TestHosts.Start(await TestHosts.NewDatabase("limits"), settings: new Dictionary<string, string?> { ["Limits:AppendsPerMinute"] = "3" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class the_append_rate_limit(RateLimitedHost limited) : IClassFixture<RateLimitedHost>
{
    private readonly ApiDriver _api = new(limited.Host, new() { SigningKey = AppFixture.SigningKey });

    [Fact]
    public async Task is_per_caller_and_answers_429_with_retry_after()
    {
        var client = await _api.EnrolledClient();
        var other = await _api.EnrolledClient(clinician: client.Clinician);
        for (var i = 0; i < 3; i++) await _api.Append(client, Entries.Urge(DateTimeOffset.UtcNow.AddMinutes(-i)));

        var refused = await _api.Post($"/api/clients/{client.Id}/entries", client.Self, new { entries = new[] { Entries.Urge(DateTimeOffset.UtcNow) } });

        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        (await TheDocument.Of(_api)).ShouldDocument("POST /api/clients/{clientId}/entries", refused.StatusCode);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
        await _api.Append(other, Entries.Urge(DateTimeOffset.UtcNow)); // another caller still syncs
        (await _api.Get($"/api/clients/{client.Id}/timeline", client.Self)).StatusCode.ShouldBe(HttpStatusCode.OK); // reads are not limited
    }
}

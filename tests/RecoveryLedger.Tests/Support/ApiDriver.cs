using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Tests.Support;

/// <summary>The API as a test story sees it: a clinic, its people, and given-state helpers over HTTP.</summary>
public sealed class ApiDriver(Alba.IAlbaHost host, AuthOptions auth, TimeProvider? clock = null)
{
    public ApiDriver(AppFixture app) : this(app.Host, app.Auth)
    {
    }

    public HttpClient Http { get; } = host.Server.CreateClient();
    public Alba.IAlbaHost Host => host;
    private DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>A fresh clinic per test keeps tests independent without wiping the database.</summary>
    public string NewClinic() => ClinicsApart.NextClinic() ?? "clinic-" + Guid.NewGuid().ToString("N")[..12];

    public Actor Clinician(string tenant, Guid? id = null) => Tokens.Actor(auth, Roles.Clinician, tenant, id, Now);
    public Actor Admin(string tenant) => Tokens.Actor(auth, Roles.Admin, tenant, now: Now);
    public Actor Analyst(string tenant) => Tokens.Actor(auth, Roles.Analyst, tenant, now: Now);
    public Actor ClientActor(string tenant, Guid clientId) => Tokens.Actor(auth, Roles.Client, tenant, clientId, Now);
    public Actor Supporter(string tenant, Guid? id = null) => Tokens.Actor(auth, Roles.Supporter, tenant, id, Now);

    /// <summary>The client grants the supporter a consent (PUT …/supporters/{id}); returns the answer's body.</summary>
    public async Task<JsonObject> Grant(Client client, Actor supporter, string[] scopes, string relationship = "sponsor", DateTimeOffset? expiresAt = null)
    {
        var response = await Send(HttpMethod.Put, $"/api/clients/{client.Id}/supporters/{supporter.Id}", client.Self,
            new { relationship, scopes, expiresAt = expiresAt is { } at ? Iso(at) : null });
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string url, Actor? actor = null, object? body = null,
        string? rawBody = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (actor is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", actor.Token);
        if (rawBody is not null) request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Get(string url, Actor? actor) => Send(HttpMethod.Get, url, actor);
    public Task<HttpResponseMessage> Post(string url, Actor? actor, object? body) => Send(HttpMethod.Post, url, actor, body);

    public async Task<JsonArray> Alerts(Actor clinician, string query = "")
    {
        var response = await Get($"/api/alerts{query}", clinician);
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Json())["alerts"]!.AsArray();
    }

    /// <summary>
    /// Waits until the async work (the alert pipeline, the analytics projection) has processed every event
    /// appended so far — Marten's own progress records, not a guess of time. Each test collection has its
    /// host and database to itself, so the wait is for this test's own events.
    /// </summary>
    public async Task Judged()
    {
        // Each database of the store (one per clinic group when clinics are spread); one that holds no events
        // yet has nothing to wait for (Marten's own wait would time out on it).
        foreach (var database in await Store.Storage.AllDatabases())
            if ((await database.FetchEventStoreStatistics()).EventCount > 0)
                await database.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// For a host on a database of its own: <see cref="Judged"/> until a wait ends with no newer event. Marten
    /// waits for the events that were in the log when the wait began, but judging them appends more (the alert
    /// pipeline's alert events) that the other shards, analytics among them, may not have read yet. On the shared
    /// host other tests' appends would keep this going: use <see cref="Judged"/> there.
    /// </summary>
    public async Task Settled()
    {
        for (var round = 0; round < 10; round++)
        {
            var before = await LastSequences();
            await Judged();
            if ((await LastSequences()).SequenceEqual(before)) return;
        }
        throw new Shouldly.ShouldAssertException("The async work kept appending events: 10 rounds of waiting did not settle it");
    }

    private async Task<long[]> LastSequences()
    {
        var sequences = new List<long>();
        foreach (var database in await Store.Storage.AllDatabases())
            sequences.Add((await database.FetchEventStoreStatistics()).EventSequenceNumber);
        return [.. sequences];
    }

    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// The client's alerts once everything appended has been judged and <paramref name="ready"/> holds: at
    /// once for alerts raised by entries; alerts of scheduled checks (time passing) are polled for.
    /// </summary>
    public async Task<JsonArray> AlertsWhen(Client client, Func<JsonArray, bool> ready, string what, double seconds = 15)
    {
        await Judged();
        return await Eventually.Get(async () => await Alerts(client.Clinician, $"?clientId={client.Id}") is var a && ready(a) ? a : null,
            TimeSpan.FromSeconds(seconds), what);
    }

    /// <summary>Enrols a client through the API, by a clinician who thereby is on its care team.</summary>
    public async Task<Client> EnrolledClient(string? tenant = null, string timeZone = "Europe/Berlin",
        DateTimeOffset? sobrietyStartedAt = null, Actor? clinician = null, string pseudonym = "Client")
    {
        tenant ??= clinician?.Tenant ?? NewClinic();
        clinician ??= Clinician(tenant);
        var clientId = Guid.NewGuid();
        var response = await Post("/api/clients", clinician, new
        {
            clientId, pseudonym, timeZone,
            sobrietyStartedAt = Iso(sobrietyStartedAt ?? Now.AddDays(-30)),
        });
        await response.ShouldBe(HttpStatusCode.Created);
        return new Client(clientId, tenant, clinician, ClientActor(tenant, clientId));
    }

    public async Task<JsonObject> Append(Client client, params object[] entries) => await Append(client, client.Self, entries);

    public async Task<JsonObject> Append(Client client, Actor actor, params object[] entries)
    {
        var response = await Post($"/api/clients/{client.Id}/entries", actor, new { entries });
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public async Task<JsonObject> Timeline(Client client, string query = "", Actor? actor = null)
    {
        var response = await Get($"/api/clients/{client.Id}/timeline{query}", actor ?? client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public async Task<JsonObject> Streak(Client client, string query = "", Actor? actor = null)
    {
        var response = await Get($"/api/clients/{client.Id}/streak{query}", actor ?? client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}

/// <summary>An enrolled client: its id, clinic, the clinician who enrolled it and its own login.</summary>
public sealed record Client(Guid Id, string Tenant, Actor Clinician, Actor Self);

public static class Entries
{
    public static object Urge(DateTimeOffset at, int intensity = 5, Guid? id = null, string[]? triggers = null, string? note = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "urge", occurredAt = ApiDriver.Iso(at), intensity, triggers = triggers ?? ["stress"], note };

    public static object CheckIn(DateTimeOffset at, int mood = 3, int craving = 4, Guid? id = null, bool safetyConcern = false, string? note = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "check-in", occurredAt = ApiDriver.Iso(at), mood, craving, safetyConcern, note,
              halt = new { lonely = true } };

    public static object Lapse(DateTimeOffset at, string circle = "inner", Guid? id = null, string? note = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "lapse", occurredAt = ApiDriver.Iso(at), circle, note };

    public static object Coping(DateTimeOffset at, string strategy = "mindfulness", Guid? urgeId = null, Guid? id = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "coping", occurredAt = ApiDriver.Iso(at), strategy, outcome = "resisted", urgeId };

    public static object Session(DateTimeOffset at, bool attended = true, Guid? id = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "session", occurredAt = ApiDriver.Iso(at), sessionKind = "individual", attended, durationMinutes = 50 };

    public static object RelationshipMilestone(DateTimeOffset at, Guid? id = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "relationship-milestone", occurredAt = ApiDriver.Iso(at), milestone = "disclosure", with = "partner" };

    public static object Measure(DateTimeOffset at, string instrument, int[] items, Guid? id = null, string? note = null) =>
        new { id = id ?? Guid.NewGuid(), kind = "measure", occurredAt = ApiDriver.Iso(at), instrument, items, note };

    /// <summary>A PHQ-9 with the given total (answers filled from the first item on) and self-harm answer (item 9).</summary>
    public static object Phq9(DateTimeOffset at, int score, int selfHarm = 0, Guid? id = null) =>
        Measure(at, "phq-9", Answers(9, 0, 3, score - selfHarm, [(8, selfHarm)]), id);

    public static object Gad7(DateTimeOffset at, int score, Guid? id = null) => Measure(at, "gad-7", Answers(7, 0, 3, score, []), id);

    /// <summary><paramref name="count"/> answers of <paramref name="min"/>..<paramref name="max"/> summing (with the fixed ones) to the score.</summary>
    public static int[] Answers(int count, int min, int max, int rest, (int Index, int Answer)[] fixedAnswers)
    {
        var items = Enumerable.Repeat(min, count).ToArray();
        foreach (var (index, answer) in fixedAnswers) items[index] = answer;
        rest -= min * (count - fixedAnswers.Length);
        for (var i = 0; i < count && rest > 0; i++)
        {
            if (fixedAnswers.Any(f => f.Index == i)) continue;
            var add = Math.Min(rest, max - items[i]);
            items[i] += add;
            rest -= add;
        }
        return rest == 0 ? items : throw new ArgumentOutOfRangeException(nameof(rest), "No such answers.");
    }

    public static object ThoughtRecord(DateTimeOffset at, string situation = "After a hard call", string thought = "I am a failure",
        Guid? id = null, string? balancedThought = null, string? evidenceFor = null, string? evidenceAgainst = null, string? note = null) =>
        new
        {
            id = id ?? Guid.NewGuid(), kind = "thought-record", occurredAt = ApiDriver.Iso(at), situation, automaticThought = thought,
            emotions = new object[] { new { name = "shame", before = 80, after = 45 }, new { name = "anxiety", before = 60 } },
            distortions = new[] { "labeling" }, evidenceFor, evidenceAgainst, balancedThought, note,
        };
}

public static class ResponseAssertions
{
    public static async Task ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            throw new Shouldly.ShouldAssertException(
                $"Expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>A problem+json body (RFC 9457) with the given status; returns it for further checks.</summary>
    public static async Task<JsonObject> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        await response.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Json();
        body["status"]!.GetValue<int>().ShouldBe((int)status);
        return body;
    }

    public static async Task<JsonObject> ShouldBeValidationProblem(this HttpResponseMessage response, params string[] fields)
    {
        var body = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        var errors = body["errors"]?.AsObject() ?? throw new Shouldly.ShouldAssertException($"No errors in {body}");
        foreach (var field in fields) errors.ContainsKey(field).ShouldBeTrue($"errors should name {field}: {errors}");
        return body;
    }
}

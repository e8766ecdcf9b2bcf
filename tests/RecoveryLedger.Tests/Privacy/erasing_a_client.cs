using System.Diagnostics;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Tests.Alerts;
using Wolverine;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Privacy;

/// <summary>
/// Erasure on an immutable log (contract "Erasure", product.md "Erasure (v2), exactly"): markers planted in every
/// kind of personal content are in a full <c>pg_dump</c> before, and in none after; the client is 404 everywhere
/// but its access log to an admin; what stays is the bare fact. A host and database of its own keep the dumps small.
/// </summary>
public sealed class erasing_a_client : IAsyncLifetime
{
    private string _database = "";
    private Alba.IAlbaHost _host = null!;
    private ApiDriver _api = null!;

    public async Task InitializeAsync()
    {
        _database = await TestHosts.NewDatabase("erasure");
        _host = await TestHosts.Start(_database);
        _api = new ApiDriver(_host, new AuthOptions { SigningKey = AppFixture.SigningKey });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> Erase(Client client, Actor? admin = null, object? body = null) =>
        _api.Post($"/api/clients/{client.Id}/erasure", admin ?? _api.Admin(client.Tenant), body ?? new { retentionReviewed = true });

    [Fact]
    public async Task leaves_no_personal_content_anywhere_in_a_full_dump()
    {
        var marker = "ERASEME" + Guid.NewGuid().ToString("N")[..10];
        string M(string where) => $"{marker}-{where}";
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(pseudonym: M("pseudonym"), sobrietyStartedAt: now.AddDays(-30));
        await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self,
            new { inner = new[] { M("inner") }, middle = new[] { M("middle") }, outer = new[] { M("outer") } });
        var urge = Guid.NewGuid();
        await _api.Append(client,
            Entries.CheckIn(now.AddHours(-9), note: M("check-in")),
            Entries.Urge(now.AddHours(-8), 6, id: urge, note: M("urge")),
            new { id = Guid.NewGuid(), kind = "coping", occurredAt = ApiDriver.Iso(now.AddHours(-7)), strategy = "mindfulness", outcome = "resisted", urgeId = urge, note = M("coping") },
            new { id = Guid.NewGuid(), kind = "lapse", occurredAt = ApiDriver.Iso(now.AddHours(-6)), circle = "inner", behavior = M("behavior"), note = M("lapse") },
            new { id = Guid.NewGuid(), kind = "relationship-milestone", occurredAt = ApiDriver.Iso(now.AddHours(-5)), milestone = "disclosure", with = "partner", note = M("relationship") },
            Entries.Measure(now.AddHours(-5), "gad-7", [1, 0, 1, 0, 1, 0, 1], note: M("measure")),
            Entries.ThoughtRecord(now.AddHours(-5), M("situation"), M("thought"), balancedThought: M("balanced"), evidenceFor: M("for"),
                evidenceAgainst: M("against"), note: M("thought-note")));
        await _api.Append(client, client.Clinician,
            new { id = Guid.NewGuid(), kind = "session", occurredAt = ApiDriver.Iso(now.AddHours(-4)), sessionKind = "individual", attended = true, note = M("session") });
        var goal = $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}";
        await (await _api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "intimacy", statement = M("statement") })).ShouldBe(Created);
        await (await _api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "intimacy", statement = M("reworded-goal") })).ShouldBe(OK);
        await (await _api.Post($"{goal}/reviews", client.Clinician, new { progress = 5, note = M("goal-review") })).ShouldBe(Created);
        var alert = (await _api.AlertsWhen(client, a => a.Count == 1, "the lapse's alert")).Single()!;
        await (await _api.Post($"/api/alerts/{alert.Id()}/acknowledge", client.Clinician, new { note = M("acknowledged") })).ShouldBe(OK);
        await (await _api.Post($"/api/alerts/{alert.Id()}/resolve", client.Clinician, new { note = M("resolved") })).ShouldBe(OK);
        await _api.Judged();
        var planted = new[] { "pseudonym", "inner", "middle", "outer", "check-in", "urge", "coping", "behavior", "lapse", "relationship",
            "measure", "situation", "thought", "balanced", "for", "against", "thought-note", "session", "acknowledged", "resolved",
            "statement", "reworded-goal", "goal-review" }.Select(M).ToList();
        var before = await Dump();
        planted.Where(m => !before.Contains(m)).ShouldBeEmpty("every marker is in the database before the erasure");

        (await Erase(client)).StatusCode.ShouldBe(NoContent);
        await _api.Judged();

        var after = await Dump();
        after.ShouldNotContain(marker, customMessage: "no personal content anywhere in the live database");
        after.ShouldContain(client.Id.ToString(), customMessage: "the bare fact stays: the access log and the alert's lifecycle");
    }

    [Fact]
    public async Task answers_404_everywhere_but_the_admins_access_log()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.AlertsWhen(client, a => a.Count == 1, "the lapse's alert");
        var admin = _api.Admin(client.Tenant);
        (await StreakRows(client)).ShouldBe((1, 1));

        (await Erase(client, admin)).StatusCode.ShouldBe(NoContent);
        (await StreakRows(client)).ShouldBe((0, 0), "the streak's frame and lapse rows go with the journey");

        var c = $"/api/clients/{client.Id}";
        foreach (var (actor, method, path, body) in new (Actor, HttpMethod, string, object?)[]
                 {
                     (client.Self, HttpMethod.Get, c, null), (client.Clinician, HttpMethod.Get, c, null), (admin, HttpMethod.Get, c, null),
                     (client.Self, HttpMethod.Get, $"{c}/timeline", null), (client.Clinician, HttpMethod.Get, $"{c}/streak", null),
                     (client.Self, HttpMethod.Get, $"{c}/export", null), (admin, HttpMethod.Get, $"{c}/export", null),
                     (client.Self, HttpMethod.Get, $"{c}/access-log", null), (_api.Admin(_api.NewClinic()), HttpMethod.Get, $"{c}/access-log", null),
                     (client.Self, HttpMethod.Get, $"{c}/goals", null), (client.Clinician, HttpMethod.Get, $"{c}/goals", null),
                     (client.Clinician, HttpMethod.Put, $"{c}/goals/{Guid.NewGuid()}", new { area = "trauma", statement = "s" }),
                     (client.Self, HttpMethod.Post, $"{c}/entries", new { entries = new[] { Entries.Urge(DateTimeOffset.UtcNow, 3) } }),
                     (client.Self, HttpMethod.Put, $"{c}/plan", new { inner = new[] { "x" }, middle = Array.Empty<string>(), outer = Array.Empty<string>() }),
                     (admin, HttpMethod.Post, $"{c}/care-team", new { clinicianId = Guid.NewGuid() }),
                     (admin, HttpMethod.Post, $"{c}/erasure", new { retentionReviewed = true }),
                 })
            await (await _api.Send(method, path, actor, body)).ShouldBeProblem(NotFound);

        (await _api.Alerts(client.Clinician)).ShouldBeEmpty();
        (await (await _api.Get("/api/caseload", client.Clinician)).Json())["clients"]!.AsArray().ShouldBeEmpty();
        var log = await (await _api.Get($"{c}/access-log", admin)).Json();
        var newest = log["entries"]!.AsArray()[0]!;
        newest["action"]!.GetValue<string>().ShouldBe("erasure");
        newest["actorRole"]!.GetValue<string>().ShouldBe("admin");
        newest["actorId"]!.GetValue<Guid>().ShouldBe(admin.Id);
        await (await _api.Post("/api/clients", client.Clinician, new { clientId = client.Id, pseudonym = "Again", timeZone = "UTC",
            sobrietyStartedAt = ApiDriver.Iso(DateTimeOffset.UtcNow.AddDays(-1)) })).ShouldBeProblem(Conflict);
    }

    [Fact]
    public async Task needs_the_retention_review_confirmed()
    {
        var client = await _api.EnrolledClient();
        foreach (var body in new object[] { new { }, new { retentionReviewed = false }, new { retentionReviewed = "yes" } })
        {
            var problem = await (await Erase(client, body: body)).ShouldBeProblem(BadRequest);
            problem["errors"]!["retentionReviewed"].ShouldNotBeNull();
        }
        await (await _api.Get($"/api/clients/{client.Id}", client.Self)).ShouldBe(OK);
    }

    [Fact]
    public async Task takes_the_client_out_of_analytics_and_its_scheduled_checks_do_nothing()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: DateTimeOffset.UtcNow.AddDays(-10));
        await _api.Append(client, Entries.CheckIn(DateTimeOffset.UtcNow.AddHours(-2)));
        await _api.Judged();
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var pseudonym = _host.Services.GetRequiredService<Pseudonyms>().Of(client.Tenant, client.Id);
        await using (var before = store.QuerySession(client.Tenant))
            (await before.LoadAsync<ClientAnalytics>(pseudonym)).ShouldNotBeNull();

        (await Erase(client)).StatusCode.ShouldBe(NoContent);
        await _api.Judged();

        await using (var after = store.QuerySession(client.Tenant))
        {
            (await after.LoadAsync<ClientAnalytics>(pseudonym)).ShouldBeNull("cohort figures no longer count the client");
            var archived = await after.QueryAsync<bool>("select bool_and(is_archived) from recoveryledger.mt_events where stream_id = ?", client.Id);
            archived.Single().ShouldBeTrue("archived: no rebuild or async work replays the erased journey");
        }
        // The checks the journey had armed come due: they find no journey and end quietly (no retry, no dead letter).
        using var scope = _host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await bus.InvokeForTenantAsync(client.Tenant, new CheckDisengagement(client.Tenant, client.Id, DateTimeOffset.UtcNow));
        await bus.InvokeForTenantAsync(client.Tenant, new CheckMilestone(client.Tenant, client.Id, 30, DateTimeOffset.UtcNow));
        (await _api.Alerts(client.Clinician)).ShouldBeEmpty();
    }

    /// <summary>The client's streak frame documents and lapse rows.</summary>
    private async Task<(long Frames, long Lapses)> StreakRows(Client client)
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession(client.Tenant);
        var frames = await session.QueryAsync<long>("select count(*) from recoveryledger.mt_doc_sobrietyhistory where tenant_id = ? and id = ?",
            client.Tenant, client.Id);
        var lapses = await session.QueryAsync<long>("select count(*) from recoveryledger.lapse_mark where tenant_id = ? and client_id = ?",
            client.Tenant, client.Id);
        return (frames.Single(), lapses.Single());
    }

    /// <summary>A full dump of the database, schema and data, by the machine's own pg_dump (scripts/test names it).</summary>
    private async Task<string> Dump()
    {
        var db = new NpgsqlConnectionStringBuilder(_database);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("RL_PG_DUMP") is { Length: > 0 } dump ? dump : "pg_dump")
        {
            ArgumentList = { "--host", db.Host!, "--port", db.Port.ToString(), "--username", db.Username!, "--dbname", db.Database! },
            Environment = { ["PGPASSWORD"] = db.Password },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}

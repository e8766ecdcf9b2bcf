using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.SupportNetwork;

/// <summary>
/// The support network (contract "Support network", product.md "Support network and consent"): the client grants,
/// narrows and revokes; the supporter sees exactly the granted scopes while the consent is in force, and every look
/// is in the client's access log.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class supporting_a_client(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private Task<HttpResponseMessage> Shared(Client client, Actor supporter) => _api.Get($"/api/clients/{client.Id}/shared", supporter);

    private async Task<JsonObject> SharedView(Client client, Actor supporter)
    {
        var response = await Shared(client, supporter);
        await response.ShouldBe(OK);
        return await response.Json();
    }

    private async Task<JsonArray> AccessLog(Client client) =>
        (await (await _api.Get($"/api/clients/{client.Id}/access-log", client.Self)).Json())["entries"]!.AsArray();

    /// <summary>A client with a lapse 10 days ago, check-ins inside and outside the 14 days, and an urge (never shared).</summary>
    private async Task<Client> AClientWithAHistory()
    {
        var client = await _api.EnrolledClient(pseudonym: "Harbour", sobrietyStartedAt: Now.AddDays(-40));
        await _api.Append(client, Entries.Lapse(Now.AddDays(-10), note: "never shared"),
            Entries.CheckIn(Now.AddDays(-20), mood: 1, craving: 9), Entries.CheckIn(Now.AddDays(-3), mood: 2, craving: 7, note: "private"),
            Entries.CheckIn(Now.AddHours(-2), mood: 4, craving: 3), Entries.Urge(Now.AddHours(-1), 8, note: "private urge"));
        return client;
    }

    [Fact]
    public async Task a_grant_shows_exactly_the_granted_scopes()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        var granted = await _api.Grant(client, supporter, ["streak", "milestones", "mood"], "partner");

        var view = await SharedView(client, supporter);

        granted["supporterId"]!.GetValue<Guid>().ShouldBe(supporter.Id);
        granted["relationship"]!.GetValue<string>().ShouldBe("partner");
        (granted["expiresAt"]!.GetValue<DateTimeOffset>() - granted["grantedAt"]!.GetValue<DateTimeOffset>()).ShouldBe(TimeSpan.FromDays(180));
        view["clientId"]!.GetValue<Guid>().ShouldBe(client.Id);
        view["pseudonym"]!.GetValue<string>().ShouldBe("Harbour");
        view["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["streak", "milestones", "mood"]);
        var streak = await _api.Streak(client);
        foreach (var figure in new[] { "currentStreakDays", "longestStreakDays", "totalSoberDays" })
            view["streak"]![figure]!.GetValue<int>().ShouldBe(streak[figure]!.GetValue<int>(), figure);
        view["streak"]!["currentStreakDays"]!.GetValue<int>().ShouldBeLessThan(view["streak"]!["longestStreakDays"]!.GetValue<int>());
        view["streak"]!.AsObject().Select(p => p.Key).ShouldBe(["currentStreakDays", "longestStreakDays", "totalSoberDays"], ignoreOrder: true);
        view["milestones"]!.AsArray().Select(m => m!["days"]!.GetValue<int>())
            .ShouldBe(streak["milestones"]!.AsArray().Select(m => m!["days"]!.GetValue<int>()), "as /streak shows them");
        view["milestones"]!.AsArray().ShouldNotBeEmpty();
        var checkIns = view["checkIns"]!.AsArray();
        checkIns.Select(c => c!["mood"]!.GetValue<int>()).ShouldBe([4, 2], "the last 14 days, newest first");
        checkIns.ShouldAllBe(c => c!.AsObject().Select(p => p.Key).OrderBy(k => k).SequenceEqual(new[] { "mood", "occurredAt" }));
        var text = view.ToJsonString();
        text.ShouldNotContain("private");
        text.ShouldNotContain("never shared");
        text.ShouldNotContain("urge");
    }

    [Fact]
    public async Task a_scope_not_granted_is_null_and_craving_alone_shows_only_craving()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["craving"]);

        var view = await SharedView(client, supporter);

        view["streak"].ShouldBeNull();
        view.ContainsKey("streak").ShouldBeTrue("null exactly where the scope is not granted");
        view["milestones"].ShouldBeNull();
        view["checkIns"]!.AsArray().Select(c => c!["craving"]!.GetValue<int>()).ShouldBe([3, 7]);
        view["checkIns"]!.AsArray().ShouldAllBe(c => !c!.AsObject().ContainsKey("mood"));
    }

    [Fact]
    public async Task a_granted_scope_with_nothing_to_show_is_zeros_or_empty()
    {
        var client = await _api.EnrolledClient(timeZone: ZoneWhereItIsDaytime(Now), sobrietyStartedAt: Now.AddHours(-3));
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak", "milestones", "mood", "craving"]);

        var view = await SharedView(client, supporter);

        view["streak"]!["currentStreakDays"]!.GetValue<int>().ShouldBe(0);
        view["milestones"]!.AsArray().ShouldBeEmpty();
        view["checkIns"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task granting_again_replaces_and_narrows_at_once()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        var first = await _api.Grant(client, supporter, ["streak", "mood", "craving"]);
        var second = await _api.Grant(client, supporter, ["milestones"], "friend");

        var view = await SharedView(client, supporter);

        view["streak"].ShouldBeNull();
        view["checkIns"].ShouldBeNull();
        view["milestones"]!.AsArray().ShouldNotBeEmpty();
        second["consentId"]!.GetValue<Guid>().ShouldNotBe(first["consentId"]!.GetValue<Guid>());
        var consents = (await (await _api.Get($"/api/clients/{client.Id}/supporters", client.Self)).Json())["consents"]!.AsArray();
        consents.Select(c => c!["consentId"]!.GetValue<Guid>()).ShouldBe([second["consentId"]!.GetValue<Guid>(), first["consentId"]!.GetValue<Guid>()],
            "newest grant first, the replaced one kept");
        consents[1]!["revokedAt"]!.GetValue<DateTimeOffset>().ShouldBe(second["grantedAt"]!.GetValue<DateTimeOffset>());
        consents[0]!["revokedAt"].ShouldBeNull();
    }

    [Fact]
    public async Task a_revocation_is_a_404_on_the_very_next_request_and_revoking_again_is_204()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak"]);
        await SharedView(client, supporter);

        await (await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{supporter.Id}", client.Self)).ShouldBe(NoContent);

        await (await Shared(client, supporter)).ShouldBeProblem(NotFound);
        var supporting = await (await _api.Get("/api/supporting", supporter)).Json();
        supporting["clients"]!.AsArray().ShouldBeEmpty();
        await (await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{supporter.Id}", client.Self)).ShouldBe(NoContent);
        await (await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{Guid.NewGuid()}", client.Self)).ShouldBe(NoContent);
    }

    [Fact]
    public async Task a_consent_expires_at_its_instant_without_a_job_or_an_event()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TestHosts.Start(await TestHosts.NewDatabase("consent"), services => services.AddSingleton<TimeProvider>(clock));
        var api = new ApiDriver(host, new() { SigningKey = AppFixture.SigningKey }, clock);
        var client = await api.EnrolledClient(sobrietyStartedAt: clock.GetUtcNow().AddDays(-3));
        var supporter = api.Supporter(client.Tenant);
        var granted = await api.Grant(client, supporter, ["streak"], expiresAt: clock.GetUtcNow().AddDays(30));
        var expiresAt = granted["expiresAt"]!.GetValue<DateTimeOffset>();

        clock.SetUtcNow(expiresAt.AddTicks(-10));
        await (await api.Get($"/api/clients/{client.Id}/shared", supporter)).ShouldBe(OK);
        clock.SetUtcNow(expiresAt);
        await (await api.Get($"/api/clients/{client.Id}/shared", supporter)).ShouldBeProblem(NotFound);
        (await (await api.Get("/api/supporting", supporter)).Json())["clients"]!.AsArray().ShouldBeEmpty();
        var consent = (await (await api.Get($"/api/clients/{client.Id}/supporters", client.Self)).Json())["consents"]!.AsArray().Single()!;
        consent["revokedAt"].ShouldBeNull("expiry writes nothing");
    }

    [Fact]
    public async Task a_supporter_sees_only_the_clients_that_consented_and_only_the_shared_view()
    {
        var a = await AClientWithAHistory();
        var b = await _api.EnrolledClient(tenant: a.Tenant);
        var supporter = _api.Supporter(a.Tenant);
        await _api.Grant(a, supporter, ["streak"]);

        await (await Shared(b, supporter)).ShouldBeProblem(NotFound);
        await (await _api.Get($"/api/clients/{a.Id}/timeline", supporter)).ShouldBeProblem(Forbidden);
        await (await _api.Get($"/api/clients/{a.Id}/streak", supporter)).ShouldBeProblem(Forbidden);
        await (await _api.Get($"/api/clients/{a.Id}", supporter)).ShouldBeProblem(Forbidden);
        await (await _api.Get($"/api/clients/{a.Id}/supporters", supporter)).ShouldBeProblem(Forbidden);
        var supporting = (await (await _api.Get("/api/supporting", supporter)).Json())["clients"]!.AsArray();
        supporting.Single()!["clientId"]!.GetValue<Guid>().ShouldBe(a.Id);
        supporting.Single()!["pseudonym"]!.GetValue<string>().ShouldBe("Harbour");
        supporting.Single()!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["streak"]);
    }

    [Fact]
    public async Task the_same_supporter_id_in_another_clinic_sees_nothing()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak", "mood"]);
        var elsewhere = _api.Supporter(_api.NewClinic(), supporter.Id);

        await (await Shared(client, elsewhere)).ShouldBeProblem(NotFound);
        (await (await _api.Get("/api/supporting", elsewhere)).Json())["clients"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task every_supporter_read_is_in_the_access_log_and_the_clients_own_reads_are_not()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak"]);
        await SharedView(client, supporter);
        await _api.Get("/api/supporting", supporter);
        await _api.Get($"/api/clients/{client.Id}/supporters", client.Self);
        await _api.Get($"/api/clients/{client.Id}/supporters", client.Clinician);

        var log = await AccessLog(client);

        log.Select(e => e!["action"]!.GetValue<string>()).Take(3).ShouldBe(["supporters.read", "supporting.read", "shared.read"]);
        log.Take(2).Skip(1).Concat(log.Skip(2).Take(1)).ShouldAllBe(e => e!["actorRole"]!.GetValue<string>() == "supporter"
                                                                    && e["actorId"]!.GetValue<Guid>() == supporter.Id);
        log[0]!["actorRole"]!.GetValue<string>().ShouldBe("clinician");
        log.Count(e => e!["action"]!.GetValue<string>() == "supporters.read").ShouldBe(1, "the client's own read is not logged");
    }

    [Fact]
    public async Task only_the_client_grants_and_revokes()
    {
        var client = await AClientWithAHistory();
        var supporter = Guid.NewGuid();
        var body = new { relationship = "family", scopes = new[] { "streak" } };
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/supporters/{supporter}", client.Clinician, body)).ShouldBeProblem(Forbidden);
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/supporters/{supporter}", _api.Admin(client.Tenant), body)).ShouldBeProblem(Forbidden);
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/supporters/{supporter}", _api.ClientActor(client.Tenant, Guid.NewGuid()), body))
            .ShouldBeProblem(NotFound);
        await (await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{supporter}", client.Clinician)).ShouldBeProblem(Forbidden);
    }

    [Fact]
    public async Task a_bad_consent_is_a_400_naming_the_field_and_stores_nothing()
    {
        var client = await AClientWithAHistory();
        var url = $"/api/clients/{client.Id}/supporters/{Guid.NewGuid()}";
        async Task Rejected(object body, params string[] fields) =>
            await (await _api.Send(HttpMethod.Put, url, client.Self, body)).ShouldBeValidationProblem(fields);

        await Rejected(new { relationship = "boss", scopes = new[] { "streak" } }, "relationship");
        await Rejected(new { relationship = "friend", scopes = Array.Empty<string>() }, "scopes");
        await Rejected(new { relationship = "friend", scopes = new[] { "streak", "streak" } }, "scopes");
        await Rejected(new { relationship = "friend", scopes = new[] { "urges" } }, "scopes[0]");
        await Rejected(new { relationship = "friend", scopes = new[] { "streak" }, expiresAt = ApiDriver.Iso(Now.AddDays(181)) }, "expiresAt");
        await Rejected(new { relationship = "friend", scopes = new[] { "streak" }, expiresAt = ApiDriver.Iso(Now.AddMinutes(-1)) }, "expiresAt");
        await Rejected(new { relationship = "friend", scopes = new[] { "streak" }, expiresAt = "tomorrow" }, "expiresAt");
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/supporters/{client.Id}", client.Self,
            new { relationship = "other", scopes = new[] { "streak" } })).ShouldBeValidationProblem("supporterId");

        (await (await _api.Get($"/api/clients/{client.Id}/supporters", client.Self)).Json())["consents"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task consents_are_journey_events_in_the_export_and_not_timeline_items()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak"]);
        await _api.Grant(client, supporter, ["mood"]);
        await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{supporter.Id}", client.Self);

        var export = await (await _api.Get($"/api/clients/{client.Id}/export", client.Self)).Json();

        export["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>())
            .Where(type => type.StartsWith("supporter-consent", StringComparison.Ordinal))
            .ShouldBe(["supporter-consent-granted", "supporter-consent-revoked", "supporter-consent-granted", "supporter-consent-revoked"]);
        var timeline = (await _api.Timeline(client, "?limit=200"))["items"]!.AsArray();
        timeline.ShouldAllBe(item => !item!["kind"]!.GetValue<string>().Contains("consent"));
    }

    [Fact]
    public async Task after_an_erasure_the_shared_view_is_404_and_the_client_leaves_supporting()
    {
        var client = await AClientWithAHistory();
        var supporter = _api.Supporter(client.Tenant);
        await _api.Grant(client, supporter, ["streak"]);

        await (await _api.Post($"/api/clients/{client.Id}/erasure", _api.Admin(client.Tenant), new { retentionReviewed = true })).ShouldBe(NoContent);

        await (await Shared(client, supporter)).ShouldBeProblem(NotFound);
        (await (await _api.Get("/api/supporting", supporter)).Json())["clients"]!.AsArray().ShouldBeEmpty();
    }

    /// <summary>
    /// A fixed-offset zone where it is now between 06:00 and 18:00, so that three hours ago is the same local
    /// day there whenever the test runs (in Europe/Berlin it was yesterday between midnight and 03:00).
    /// </summary>
    private static string ZoneWhereItIsDaytime(DateTimeOffset now)
    {
        var hours = Enumerable.Range(-11, 24).First(h => now.ToOffset(TimeSpan.FromHours(h)).Hour is >= 6 and < 18);
        return hours == 0 ? "UTC" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}"; // POSIX signs: Etc/GMT-5 is UTC+5
    }
}

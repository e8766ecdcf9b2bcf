using System.Text.Json.Nodes;
using Marten;
using RecoveryLedger.Api.Journeys.Exporting;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// The client's copy of its record (contract "Export"): every event of the journey in stream order, every field
/// as recorded, the catalogue's kebab-case types, and its alerts as the inbox shows them — to the client and,
/// logged, to an admin of its clinic.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class exporting_the_record(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<JsonObject> Export(Client client, Actor actor)
    {
        var response = await _api.Get($"/api/clients/{client.Id}/export", actor);
        await response.ShouldBe(OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return await response.Json();
    }

    [Fact]
    public async Task a_journey_with_every_kind_of_event_exports_whole_in_stream_order()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(sobrietyStartedAt: now.AddDays(-20), pseudonym: "River");
        await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, new { inner = new[] { "i1" }, middle = new[] { "m1" }, outer = new[] { "o1" } });
        await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, new { inner = new[] { "i2" }, middle = Array.Empty<string>(), outer = Array.Empty<string>() });
        await _api.Post($"/api/clients/{client.Id}/care-team", client.Clinician, new { clinicianId = Guid.NewGuid() });
        var urge = Guid.NewGuid();
        await _api.Append(client, Entries.CheckIn(now.AddDays(-3), note: "check-in note"), Entries.Urge(now.AddDays(-2), 8, id: urge, note: "urge note"),
            Entries.Coping(now.AddDays(-2).AddMinutes(5), urgeId: urge), Entries.Lapse(now.AddDays(-1), note: "lapse note"),
            Entries.RelationshipMilestone(now.AddHours(-5)), Entries.ThoughtRecord(now.AddHours(-4), note: "thought note"));
        await _api.Append(client, client.Clinician, Entries.Session(now.AddHours(-2)), Entries.Gad7(now.AddHours(-2), 6));
        var goal = $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}";
        await _api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "trauma", statement = "goal statement", targetDate = "2027-01-31" });
        await _api.Post($"{goal}/reviews", client.Clinician, new { progress = 7, note = "review note" });
        await _api.Post($"{goal}/status", client.Clinician, new { status = "achieved" });
        var alerts = await _api.AlertsWhen(client, a => a.Count > 0, "the lapse's alert");

        var export = await Export(client, client.Self);

        export["format"]!.GetValue<string>().ShouldBe(JsonExport.Format);
        export["clientId"]!.GetValue<Guid>().ShouldBe(client.Id);
        var events = export["events"]!.AsArray();
        await using var session = app.Store.QuerySession(client.Tenant);
        var stream = await session.Events.FetchStreamAsync(client.Id);
        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(stream.Select(e => JsonExport.KebabName(e.EventTypeName)),
            "every event, in stream order");
        events.Select(e => e!["type"]!.GetValue<string>()).ShouldContain("lapse-recorded");
        events.Single(e => e!["type"]!.GetValue<string>() == "measure-recorded")!["data"]!["items"]!.AsArray().Count.ShouldBe(7);
        events.Single(e => e!["type"]!.GetValue<string>() == "thought-record-written")!["data"]!["note"]!.GetValue<string>().ShouldBe("thought note");
        var enrolled = events.Single(e => e!["type"]!.GetValue<string>() == "client-enrolled")!["data"]!;
        enrolled["pseudonym"]!.GetValue<string>().ShouldBe("River");
        enrolled["timeZone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        var lapse = events.Single(e => e!["type"]!.GetValue<string>() == "lapse-recorded")!;
        lapse["data"]!["note"]!.GetValue<string>().ShouldBe("lapse note");
        lapse["data"]!["circle"]!.GetValue<string>().ShouldBe("inner");
        lapse["occurredAt"]!.GetValue<DateTimeOffset>().ShouldBe(now.AddDays(-1), TimeSpan.FromMilliseconds(1));
        lapse["recordedAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(now.AddMinutes(-1));
        var goalSet = events.Single(e => e!["type"]!.GetValue<string>() == "goal-set")!["data"]!;
        (goalSet["statement"]!.GetValue<string>(), goalSet["targetDate"]!.GetValue<string>()).ShouldBe(("goal statement", "2027-01-31"));
        events.Single(e => e!["type"]!.GetValue<string>() == "goal-reviewed")!["data"]!["note"]!.GetValue<string>().ShouldBe("review note");
        events.Single(e => e!["type"]!.GetValue<string>() == "goal-status-changed")!["data"]!["status"]!.GetValue<string>().ShouldBe("achieved");
        events.Where(e => e!["type"]!.GetValue<string>() == "recovery-plan-changed").Select(e => e!["data"]!["version"]!.GetValue<int>()).ShouldBe([1, 2]);
        export["alerts"]!.AsArray().Select(a => a!["alertId"]!.GetValue<Guid>()).ShouldBe(alerts.Select(a => a!["alertId"]!.GetValue<Guid>()));
        export["alerts"]!.AsArray()[0]!["rule"]!.GetValue<string>().ShouldBe("lapse");
    }

    [Fact]
    public async Task an_admin_export_is_logged_and_the_clients_own_is_not()
    {
        var client = await _api.EnrolledClient();
        await Export(client, client.Self);
        var admin = _api.Admin(client.Tenant);
        (await Export(client, admin))["events"]!.AsArray().ShouldNotBeEmpty();

        var log = await (await _api.Get($"/api/clients/{client.Id}/access-log", admin)).Json();
        var exports = log["entries"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "export.read").ToList();
        exports.Count.ShouldBe(1, "the admin's export, not the client's own");
        exports[0]!["actorRole"]!.GetValue<string>().ShouldBe("admin");
    }

    [Fact]
    public async Task a_format_other_than_json_or_fhir_is_a_400_naming_it()
    {
        var client = await _api.EnrolledClient();
        var problem = await (await _api.Get($"/api/clients/{client.Id}/export?format=xml", client.Self)).ShouldBeProblem(BadRequest);
        problem["errors"]!["format"].ShouldNotBeNull();
    }

    [Fact]
    public async Task a_long_journey_is_streamed_not_buffered()
    {
        var client = await _api.EnrolledClient();
        var start = DateTimeOffset.UtcNow.AddDays(-300);
        for (var batch = 0; batch < 10; batch++)
            await _api.Append(client, Enumerable.Range(0, 500).Select(i => Entries.Urge(start.AddMinutes(batch * 500 + i), i % 6)).ToArray());

        using var response = await _api.Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/clients/{client.Id}/export") { Headers = { Authorization = new("Bearer", client.Self.Token) } },
            HttpCompletionOption.ResponseHeadersRead);
        await response.ShouldBe(OK);
        response.Content.Headers.ContentLength.ShouldBeNull("written as it is read, so its length is not known up front");
        var export = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        await using var session = app.Store.QuerySession(client.Tenant);
        var stored = (await session.Events.FetchStreamStateAsync(client.Id))!.Version;
        stored.ShouldBeGreaterThan(5_000);
        export["events"]!.AsArray().Count.ShouldBe((int)stored);
    }
}

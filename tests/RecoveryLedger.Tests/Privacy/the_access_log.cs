using System.Text.Json.Nodes;
using RecoveryLedger.Tests.Alerts;

namespace RecoveryLedger.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class the_access_log(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<JsonArray> Log(Client client, Actor? reader = null)
    {
        var response = await _api.Get($"/api/clients/{client.Id}/access-log", reader ?? client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Json())["entries"]!.AsArray();
    }

    private static IEnumerable<string> Actions(JsonArray entries) => entries.Select(e => e!["action"]!.GetValue<string>());

    [Fact]
    public async Task records_each_kind_of_read_by_others_newest_first()
    {
        var client = await _api.EnrolledClient();
        var admin = _api.Admin(client.Tenant);
        await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.AlertsWhen(client, a => a.Count == 1, "lapse alert");              // alerts.read (the wait reads the inbox)
        await _api.Timeline(client, actor: client.Clinician);                            // timeline.read
        await _api.Streak(client, actor: client.Clinician);                              // streak.read
        await _api.Get($"/api/clients/{client.Id}/goals", client.Clinician);             // goals.read
        await _api.Get($"/api/clients/{client.Id}", admin);                              // client.read by an admin
        await _api.Get("/api/caseload", client.Clinician);                               // caseload.read

        var entries = await Log(client);

        Actions(entries).Take(5).ShouldBe(["caseload.read", "client.read", "goals.read", "streak.read", "timeline.read"]);
        Actions(entries).ShouldContain("alerts.read");
        var clientRead = entries.Single(e => e!["action"]!.GetValue<string>() == "client.read")!;
        clientRead["actorId"]!.GetValue<Guid>().ShouldBe(admin.Id);
        clientRead["actorRole"]!.GetValue<string>().ShouldBe("admin");
        entries.Where(e => e!["action"]!.GetValue<string>() != "client.read")
            .ShouldAllBe(e => e!["actorId"]!.GetValue<Guid>() == client.Clinician.Id && e["actorRole"]!.GetValue<string>() == "clinician");
        DateTimeOffset.Parse(entries[0]!["at"]!.GetValue<string>()).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task leaves_out_the_clients_own_reads()
    {
        var client = await _api.EnrolledClient();
        await _api.Timeline(client);
        await _api.Streak(client);
        await _api.Get($"/api/clients/{client.Id}", client.Self);
        (await Log(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task records_nothing_for_a_refused_read()
    {
        var client = await _api.EnrolledClient();
        await _api.Get($"/api/clients/{client.Id}/timeline", _api.Clinician(client.Tenant));          // 404
        await _api.Get($"/api/clients/{client.Id}/timeline", _api.Admin(client.Tenant));              // 403
        await _api.Get($"/api/clients/{client.Id}/timeline?limit=0", client.Clinician);               // 400
        (await Log(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task only_lists_clients_whose_data_was_returned_in_a_caseload_or_inbox()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var quiet = await _api.EnrolledClient(clinician: clinician);
        var lapsed = await _api.EnrolledClient(clinician: clinician);
        await _api.Append(lapsed, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.AlertsWhen(lapsed, a => a.Count == 1, "lapse alert");
        await _api.Alerts(clinician);

        Actions(await Log(quiet)).ShouldNotContain("alerts.read");
        Actions(await Log(lapsed)).ShouldContain("alerts.read");
    }

    [Fact]
    public async Task is_served_to_the_client_and_its_clinics_admins_only()
    {
        var client = await _api.EnrolledClient();
        await _api.Timeline(client, actor: client.Clinician);
        (await Log(client, _api.Admin(client.Tenant))).Count.ShouldBe(1);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", client.Clinician)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.Analyst(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.Admin(_api.NewClinic()))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.ClientActor(client.Tenant, Guid.NewGuid()))).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task lives_outside_the_journey()
    {
        var client = await _api.EnrolledClient();
        var before = (await _api.Timeline(client))["items"]!.AsArray().Count;
        await _api.Timeline(client, actor: client.Clinician);
        await _api.Streak(client, actor: client.Clinician);
        (await _api.Timeline(client))["items"]!.AsArray().Count.ShouldBe(before);
        var version = (await _api.Append(client, Entries.Urge(DateTimeOffset.UtcNow)))["version"]!.GetValue<long>();
        version.ShouldBe(3); // enrolment, care-team member, the urge: reads wrote nothing to the journey
    }

    [Fact]
    public async Task keeps_up_with_concurrent_reads()
    {
        var client = await _api.EnrolledClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _api.Get($"/api/clients/{client.Id}/streak", client.Clinician)));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await Log(client)).Count.ShouldBe(12);
    }
}

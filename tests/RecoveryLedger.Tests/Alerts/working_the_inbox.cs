namespace RecoveryLedger.Tests.Alerts;

[Collection(ApiCollection.Name)]
public sealed class working_the_inbox(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<(Client Client, Guid AlertId)> ClientWithAnOpenAlert()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        var alert = (await _api.AlertsWhen(client, a => a.Count == 1, "lapse alert")).Single()!;
        return (client, alert.Id());
    }

    [Fact]
    public async Task acknowledge_then_resolve_and_every_other_step_is_a_409()
    {
        var (client, alertId) = await ClientWithAnOpenAlert();

        var acknowledged = await _api.Step(client.Clinician, alertId, "acknowledge", HttpStatusCode.OK);
        acknowledged.Status().ShouldBe("acknowledged");
        acknowledged.Id().ShouldBe(alertId);
        (await _api.Post($"/api/alerts/{alertId}/acknowledge", client.Clinician, null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await _api.Step(client.Clinician, alertId, "resolve", HttpStatusCode.OK)).Status().ShouldBe("resolved");
        await (await _api.Post($"/api/alerts/{alertId}/resolve", client.Clinician, null)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await _api.Post($"/api/alerts/{alertId}/acknowledge", client.Clinician, null)).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task an_open_alert_can_be_resolved_directly_without_a_body()
    {
        var (client, alertId) = await ClientWithAnOpenAlert();
        var response = await _api.Send(HttpMethod.Post, $"/api/alerts/{alertId}/resolve", client.Clinician);
        await response.ShouldBe(HttpStatusCode.OK);
        (await response.Json()).Status().ShouldBe("resolved");
    }

    [Fact]
    public async Task a_note_longer_than_2000_characters_is_a_400()
    {
        var (client, alertId) = await ClientWithAnOpenAlert();
        await (await _api.Post($"/api/alerts/{alertId}/acknowledge", client.Clinician, new { note = new string('n', 2001) }))
            .ShouldBeValidationProblem("note");
    }

    [Fact]
    public async Task a_clinician_off_the_team_or_in_another_clinic_gets_404()
    {
        var (client, alertId) = await ClientWithAnOpenAlert();
        var outsider = _api.Clinician(client.Tenant);
        var elsewhere = _api.Clinician(_api.NewClinic(), client.Clinician.Id);
        foreach (var who in new[] { outsider, elsewhere })
        {
            await (await _api.Post($"/api/alerts/{alertId}/acknowledge", who, null)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await _api.Post($"/api/alerts/{alertId}/resolve", who, null)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await _api.Get($"/api/alerts?clientId={client.Id}", who)).ShouldBeProblem(HttpStatusCode.NotFound);
            (await _api.Alerts(who)).ShouldBeEmpty();
        }
        await (await _api.Post($"/api/alerts/{Guid.NewGuid()}/resolve", client.Clinician, null)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task only_clinicians_work_alerts()
    {
        var (client, alertId) = await ClientWithAnOpenAlert();
        foreach (var who in new[] { client.Self, _api.Admin(client.Tenant), _api.Analyst(client.Tenant) })
        {
            await (await _api.Get("/api/alerts", who)).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await _api.Post($"/api/alerts/{alertId}/acknowledge", who, null)).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await _api.Get("/api/caseload", who)).ShouldBeProblem(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task the_inbox_filters_by_status_and_lists_newest_trigger_first()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var first = await _api.EnrolledClient(clinician: clinician);
        var second = await _api.EnrolledClient(clinician: clinician);
        await _api.Append(first, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-2)));
        await _api.AlertsWhen(first, a => a.Count == 1, "first");
        await _api.Append(second, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-2)));
        var secondAlert = (await _api.AlertsWhen(second, a => a.Count == 1, "second")).Single()!;
        await _api.Step(clinician, secondAlert.Id(), "acknowledge", HttpStatusCode.OK);

        var all = await _api.Alerts(clinician);
        all.Select(a => a!["clientId"]!.GetValue<Guid>()).ShouldBe([second.Id, first.Id]);
        (await _api.Alerts(clinician, "?status=open")).Single()!["clientId"]!.GetValue<Guid>().ShouldBe(first.Id);
        (await _api.Alerts(clinician, "?status=acknowledged")).Single()!["clientId"]!.GetValue<Guid>().ShouldBe(second.Id);
        await (await _api.Get("/api/alerts?status=closed", clinician)).ShouldBeValidationProblem("status");
    }

    [Fact]
    public async Task the_caseload_ranks_the_riskiest_first()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var now = DateTimeOffset.UtcNow;
        var calm = await _api.EnrolledClient(clinician: clinician, sobrietyStartedAt: now.AddDays(-50), pseudonym: "calm");
        var calmButNew = await _api.EnrolledClient(clinician: clinician, sobrietyStartedAt: now.AddDays(-5), pseudonym: "new");
        var lapsed = await _api.EnrolledClient(clinician: clinician, sobrietyStartedAt: now.AddDays(-50), pseudonym: "lapsed");
        var unsafeClient = await _api.EnrolledClient(clinician: clinician, sobrietyStartedAt: now.AddDays(-50), pseudonym: "unsafe");
        await _api.Append(lapsed, Entries.Lapse(now.AddDays(-3)), Entries.Lapse(now.AddDays(-2), "middle"), Entries.Lapse(now.AddDays(-1), "middle"));
        await _api.Append(unsafeClient, Entries.CheckIn(now.AddHours(-1), safetyConcern: true));
        await _api.AlertsWhen(lapsed, a => a.Count == 2, "lapse and slip-cluster alerts");
        await _api.AlertsWhen(unsafeClient, a => a.Count == 1, "safety alert");

        var response = await _api.Get("/api/caseload", clinician);
        await response.ShouldBe(HttpStatusCode.OK);
        var rows = (await response.Json())["clients"]!.AsArray();

        rows.Select(r => r!["pseudonym"]!.GetValue<string>()).ShouldBe(["unsafe", "lapsed", "new", "calm"]);
        rows[0]!["highestOpenSeverity"]!.GetValue<string>().ShouldBe("critical");
        rows[1]!["openAlerts"]!.GetValue<int>().ShouldBe(2);
        rows[1]!["highestOpenSeverity"]!.GetValue<string>().ShouldBe("high");
        rows[1]!["currentStreakDays"]!.GetValue<int>().ShouldBe(3);
        rows[1]!["lastEntryAt"].ShouldNotBeNull();
        rows[3]!["highestOpenSeverity"].ShouldBeNull();
        rows[3]!["openAlerts"]!.GetValue<int>().ShouldBe(0);
    }
}

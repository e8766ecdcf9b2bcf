namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class managing_the_care_team(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private Task<HttpResponseMessage> Add(Client client, Actor by, Guid clinicianId) =>
        _api.Post($"/api/clients/{client.Id}/care-team", by, new { clinicianId });

    private Task<HttpResponseMessage> Remove(Client client, Actor by, Guid clinicianId) =>
        _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/care-team/{clinicianId}", by);

    [Fact]
    public async Task an_added_clinician_reaches_the_client_on_the_next_request()
    {
        var client = await _api.EnrolledClient();
        var colleague = _api.Clinician(client.Tenant);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", colleague)).ShouldBeProblem(HttpStatusCode.NotFound);

        await (await Add(client, client.Clinician, colleague.Id)).ShouldBe(HttpStatusCode.NoContent);

        await (await _api.Get($"/api/clients/{client.Id}/timeline", colleague)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_removed_clinician_loses_reach_on_the_next_request()
    {
        var client = await _api.EnrolledClient();
        var colleague = _api.Clinician(client.Tenant);
        await Add(client, client.Clinician, colleague.Id);
        await (await _api.Get($"/api/clients/{client.Id}/streak", colleague)).ShouldBe(HttpStatusCode.OK);

        await (await Remove(client, client.Clinician, colleague.Id)).ShouldBe(HttpStatusCode.NoContent);

        await (await _api.Get($"/api/clients/{client.Id}/streak", colleague)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task adding_a_member_again_and_removing_a_non_member_are_204()
    {
        var client = await _api.EnrolledClient();
        await (await Add(client, client.Clinician, client.Clinician.Id)).ShouldBe(HttpStatusCode.NoContent);
        await (await Remove(client, client.Clinician, Guid.NewGuid())).ShouldBe(HttpStatusCode.NoContent);
        var team = (await (await _api.Get($"/api/clients/{client.Id}", client.Clinician)).Json())["careTeam"]!.AsArray();
        team.Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_admin_of_the_clinic_manages_the_team()
    {
        var client = await _api.EnrolledClient();
        var admin = _api.Admin(client.Tenant);
        var colleague = Guid.NewGuid();
        await (await Add(client, admin, colleague)).ShouldBe(HttpStatusCode.NoContent);
        await (await Remove(client, admin, client.Clinician.Id)).ShouldBe(HttpStatusCode.NoContent);
        var team = (await (await _api.Get($"/api/clients/{client.Id}", admin)).Json())["careTeam"]!.AsArray();
        team.Select(x => x!.GetValue<Guid>()).ShouldBe([colleague]);
    }

    [Fact]
    public async Task a_clinician_off_the_team_gets_404()
    {
        var client = await _api.EnrolledClient();
        var outsider = _api.Clinician(client.Tenant);
        await (await Add(client, outsider, outsider.Id)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Remove(client, outsider, client.Clinician.Id)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_admin_of_another_clinic_gets_404()
    {
        var client = await _api.EnrolledClient();
        await (await Add(client, _api.Admin(_api.NewClinic()), Guid.NewGuid())).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_client_itself_gets_403()
    {
        var client = await _api.EnrolledClient();
        await (await Add(client, client.Self, Guid.NewGuid())).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Remove(client, client.Self, client.Clinician.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_body_without_a_clinician_id_is_a_400()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Post($"/api/clients/{client.Id}/care-team", client.Clinician, new { clinicianId = "nope" }))
            .ShouldBeValidationProblem("clinicianId");
    }
}

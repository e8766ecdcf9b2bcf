namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class reading_a_client(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<HttpStatusCode> StatusFor(Func<Client, Actor> who)
    {
        var client = await _api.EnrolledClient();
        return (await _api.Get($"/api/clients/{client.Id}", who(client))).StatusCode;
    }

    [Fact] public async Task the_client_itself_may() => (await StatusFor(c => c.Self)).ShouldBe(HttpStatusCode.OK);
    [Fact] public async Task a_care_team_clinician_may() => (await StatusFor(c => c.Clinician)).ShouldBe(HttpStatusCode.OK);
    [Fact] public async Task an_admin_of_its_clinic_may() => (await StatusFor(c => _api.Admin(c.Tenant))).ShouldBe(HttpStatusCode.OK);
    [Fact] public async Task another_client_gets_404() => (await StatusFor(c => _api.ClientActor(c.Tenant, Guid.NewGuid()))).ShouldBe(HttpStatusCode.NotFound);
    [Fact] public async Task a_clinician_off_the_team_gets_404() => (await StatusFor(c => _api.Clinician(c.Tenant))).ShouldBe(HttpStatusCode.NotFound);
    [Fact] public async Task the_care_team_clinician_from_another_clinic_gets_404() => (await StatusFor(c => _api.Clinician(_api.NewClinic(), c.Clinician.Id))).ShouldBe(HttpStatusCode.NotFound);
    [Fact] public async Task the_client_itself_in_another_clinic_gets_404() => (await StatusFor(c => _api.ClientActor(_api.NewClinic(), c.Id))).ShouldBe(HttpStatusCode.NotFound);
    [Fact] public async Task an_admin_of_another_clinic_gets_404() => (await StatusFor(c => _api.Admin(_api.NewClinic()))).ShouldBe(HttpStatusCode.NotFound);
    [Fact] public async Task an_analyst_gets_403() => (await StatusFor(c => _api.Analyst(c.Tenant))).ShouldBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task an_absent_client_is_a_404_problem()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        await (await _api.Get($"/api/clients/{Guid.NewGuid()}", clinician)).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

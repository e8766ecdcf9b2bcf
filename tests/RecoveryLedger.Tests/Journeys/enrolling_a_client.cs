namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class enrolling_a_client(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static object Body(Guid? clientId = null, string pseudonym = "Sam", string timeZone = "Europe/Berlin",
        string? started = null, Guid? primary = null) => new
    {
        clientId, pseudonym, timeZone, sobrietyStartedAt = started ?? ApiDriver.Iso(DateTimeOffset.UtcNow.AddDays(-3)),
        primaryClinicianId = primary,
    };

    [Fact]
    public async Task by_a_clinician_creates_the_client_with_the_clinician_on_its_care_team()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var clientId = Guid.NewGuid();

        var response = await _api.Post("/api/clients", clinician, Body(clientId));

        await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/clients/{clientId}");
        (await response.Json())["clientId"]!.GetValue<Guid>().ShouldBe(clientId);
        var summary = await (await _api.Get($"/api/clients/{clientId}", clinician)).Json();
        summary["pseudonym"]!.GetValue<string>().ShouldBe("Sam");
        summary["timeZone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        summary["primaryClinicianId"]!.GetValue<Guid>().ShouldBe(clinician.Id);
        summary["careTeam"]!.AsArray().Select(x => x!.GetValue<Guid>()).ShouldBe([clinician.Id]);
        summary["planVersion"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task without_a_client_id_makes_one()
    {
        var response = await _api.Post("/api/clients", _api.Clinician(_api.NewClinic()), Body());
        await response.ShouldBe(HttpStatusCode.Created);
        (await response.Json())["clientId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task naming_another_primary_clinician_puts_both_on_the_team()
    {
        var clinic = _api.NewClinic();
        var enrolling = _api.Clinician(clinic);
        var primary = Guid.NewGuid();
        var clientId = Guid.NewGuid();
        await (await _api.Post("/api/clients", enrolling, Body(clientId, primary: primary))).ShouldBe(HttpStatusCode.Created);

        var summary = await (await _api.Get($"/api/clients/{clientId}", enrolling)).Json();
        summary["primaryClinicianId"]!.GetValue<Guid>().ShouldBe(primary);
        summary["careTeam"]!.AsArray().Select(x => x!.GetValue<Guid>()).ShouldBe([primary, enrolling.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task by_an_admin_needs_a_primary_clinician()
    {
        var admin = _api.Admin(_api.NewClinic());
        var response = await _api.Post("/api/clients", admin, Body());
        await response.ShouldBeValidationProblem("primaryClinicianId");

        var primary = Guid.NewGuid();
        var clientId = Guid.NewGuid();
        await (await _api.Post("/api/clients", admin, Body(clientId, primary: primary))).ShouldBe(HttpStatusCode.Created);
        var summary = await (await _api.Get($"/api/clients/{clientId}", admin)).Json();
        summary["careTeam"]!.AsArray().Select(x => x!.GetValue<Guid>()).ShouldBe([primary]);
    }

    [Fact]
    public async Task the_same_client_id_again_in_the_clinic_is_a_409()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var clientId = Guid.NewGuid();
        await (await _api.Post("/api/clients", clinician, Body(clientId))).ShouldBe(HttpStatusCode.Created);
        await (await _api.Post("/api/clients", clinician, Body(clientId, pseudonym: "Other"))).ShouldBeProblem(HttpStatusCode.Conflict);
        (await (await _api.Get($"/api/clients/{clientId}", clinician)).Json())["pseudonym"]!.GetValue<string>().ShouldBe("Sam");
    }

    [Fact]
    public async Task the_same_client_id_in_another_clinic_is_another_client()
    {
        var inA = _api.Clinician(_api.NewClinic());
        var inB = _api.Clinician(_api.NewClinic());
        var clientId = Guid.NewGuid();
        await (await _api.Post("/api/clients", inA, Body(clientId, pseudonym: "A"))).ShouldBe(HttpStatusCode.Created);
        await (await _api.Post("/api/clients", inB, Body(clientId, pseudonym: "B", timeZone: "Asia/Kolkata"))).ShouldBe(HttpStatusCode.Created);

        (await (await _api.Get($"/api/clients/{clientId}", inA)).Json())["pseudonym"]!.GetValue<string>().ShouldBe("A");
        (await (await _api.Get($"/api/clients/{clientId}", inB)).Json())["timeZone"]!.GetValue<string>().ShouldBe("Asia/Kolkata");
    }

    [Theory]
    [InlineData("timeZone", "Mars/Olympus_Mons", null)]
    [InlineData("timeZone", "", null)]
    [InlineData("sobrietyStartedAt", "Europe/Berlin", "2026-01-01T10:00:00")]
    [InlineData("sobrietyStartedAt", "Europe/Berlin", "yesterday")]
    [InlineData("sobrietyStartedAt", "Europe/Berlin", "2999-01-01T00:00:00Z")]
    public async Task with_a_bad_field_is_a_400_naming_it(string field, string timeZone, string? started)
    {
        var response = await _api.Post("/api/clients", _api.Clinician(_api.NewClinic()), Body(timeZone: timeZone, started: started));
        await response.ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task without_required_fields_is_a_400_naming_each()
    {
        var response = await _api.Post("/api/clients", _api.Clinician(_api.NewClinic()), new { });
        await response.ShouldBeValidationProblem("pseudonym", "timeZone", "sobrietyStartedAt");
    }

    [Fact]
    public async Task with_a_pseudonym_longer_than_64_characters_is_a_400()
    {
        var response = await _api.Post("/api/clients", _api.Clinician(_api.NewClinic()), Body(pseudonym: new string('x', 65)));
        await response.ShouldBeValidationProblem("pseudonym");
    }

    [Theory]
    [InlineData("client")]
    [InlineData("analyst")]
    public async Task by_a_role_that_may_not_enrol_is_a_403(string role)
    {
        var actor = Tokens.Actor(app.Auth, role, _api.NewClinic());
        await (await _api.Post("/api/clients", actor, Body())).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

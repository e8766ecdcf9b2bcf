using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Tests.Skeleton;

[Collection(ApiCollection.Name)]
public sealed class dev_token_command(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    [Fact]
    public async Task prints_a_token_the_service_accepts()
    {
        var clinic = _api.NewClinic();
        var output = new StringWriter();
        var ok = DevTokenCommand.Run(new DevTokenInput { RoleFlag = "clinician", TenantFlag = clinic }, app.Auth,
            DateTimeOffset.UtcNow, output, new StringWriter());

        ok.ShouldBeTrue();
        var token = output.ToString().Trim();
        var clinician = new Actor(Guid.Empty, "clinician", clinic, token);
        var response = await _api.Post("/api/clients", clinician,
            new { pseudonym = "Tester", timeZone = "Europe/Berlin", sobrietyStartedAt = ApiDriver.Iso(DateTimeOffset.UtcNow.AddDays(-2)) });
        await response.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public void uses_the_given_subject()
    {
        var subject = Guid.NewGuid();
        var output = new StringWriter();
        DevTokenCommand.Run(new DevTokenInput { RoleFlag = "client", TenantFlag = "clinic-a", SubFlag = subject.ToString() },
            app.Auth, DateTimeOffset.UtcNow, output, new StringWriter()).ShouldBeTrue();
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(output.ToString().Trim());
        jwt.Subject.ShouldBe(subject.ToString());
        jwt.GetClaim("role").Value.ShouldBe("client");
        jwt.GetClaim("tenant").Value.ShouldBe("clinic-a");
    }

    [Fact]
    public void refuses_without_a_symmetric_key()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        DevTokenCommand.Run(new DevTokenInput(), new AuthOptions { SigningKey = null }, DateTimeOffset.UtcNow, output, error)
            .ShouldBeFalse();
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldContain("Auth:SigningKey");
    }

    [Theory]
    [InlineData("root", "clinic-a", null)]
    [InlineData("clinician", "Clinic A", null)]
    [InlineData("clinician", "clinic-a", "not-a-uuid")]
    public void refuses_malformed_claims(string role, string tenant, string? sub)
    {
        DevTokenCommand.Run(new DevTokenInput { RoleFlag = role, TenantFlag = tenant, SubFlag = sub }, app.Auth,
            DateTimeOffset.UtcNow, new StringWriter(), new StringWriter()).ShouldBeFalse();
    }
}

using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Scheduling;
using Wolverine;

namespace RecoveryLedger.Tests.Privacy;

/// <summary>Background work names its clinic; without one it fails loudly instead of using a default tenant.</summary>
[Collection(ApiCollection.Name)]
public sealed class clinic_tenancy(AppFixture app)
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*DEFAULT*")]
    [InlineData("Clinic A")]
    public void work_without_a_well_formed_clinic_is_refused(string? tenant)
    {
        Should.Throw<InvalidOperationException>(() => Tenants.Require(tenant));
    }

    [Fact]
    public async Task a_scheduled_check_without_a_clinic_fails()
    {
        using var scope = app.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var refused = await Should.ThrowAsync<Exception>(() =>
            bus.InvokeAsync(new CheckDisengagement("", Guid.NewGuid(), DateTimeOffset.UtcNow)));
        // One database: the handler's own guard (Tenants.Require). Clinics apart: Marten, which then has no
        // default database to fall back to, refuses the session before the handler runs.
        (refused is InvalidOperationException or Marten.Exceptions.DefaultTenantUsageDisabledException).ShouldBeTrue(refused.GetType().Name);
    }

    [Fact]
    public async Task every_session_of_a_request_is_the_callers_clinic()
    {
        var api = new ApiDriver(app);
        var inA = await api.EnrolledClient();
        await api.Append(inA, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1), note: "private"));
        var clinicB = api.NewClinic();
        // The same people, by id, in another clinic: nothing of clinic A is visible or writable there.
        var clinicianB = api.Clinician(clinicB, inA.Clinician.Id);
        var clientB = api.ClientActor(clinicB, inA.Id);
        await (await api.Get($"/api/clients/{inA.Id}/timeline", clientB)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await api.Post($"/api/clients/{inA.Id}/entries", clientB, new { entries = new[] { Entries.Urge(DateTimeOffset.UtcNow) } }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await api.Alerts(clinicianB)).ShouldBeEmpty();
        var caseload = await (await api.Get("/api/caseload", clinicianB)).Json();
        caseload["clients"]!.AsArray().ShouldBeEmpty();
        (await api.Timeline(inA))["items"]!.AsArray().Count(i => i!["kind"]!.GetValue<string>() == "urge").ShouldBe(0);
    }
}

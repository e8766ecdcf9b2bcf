using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// Client A's phone comes back online with 5,000 entries; client B reports a safety concern right after,
/// and client C a PHQ-9 whose item 9 says thoughts of self-harm (rule set v2). Neither alert may wait for
/// A's backlog: safety is decided in the append's own transaction. C's PHQ-9 is also 6 points worse than
/// its previous one: measure-worsening needs history and is the pipeline's, so it follows later. The host
/// runs no async work at all while A syncs, so "before A's backlog is digested" is certain, not a race;
/// a daemon started afterwards digests the backlog and A's own alerts follow.
/// </summary>
public sealed class a_bulk_sync_never_delays_a_safety_alert
{
    private static readonly RecoveryLedger.Api.Identity.AuthOptions Auth = new() { SigningKey = AppFixture.SigningKey };

    [Fact]
    public async Task the_safety_alert_is_there_before_the_backlog_is_digested()
    {
        var database = await TestHosts.NewDatabase("isolation");
        await using var host = await TestHosts.Start(database, settings: new Dictionary<string, string?> { ["AsyncWork:Mode"] = "Disabled" });
        var api = new ApiDriver(host, Auth);
        var clinic = api.NewClinic();
        var a = await api.EnrolledClient(clinic);
        var b = await api.EnrolledClient(clinic);
        var c = await api.EnrolledClient(clinic);
        await api.Append(c, Entries.Phq9(DateTimeOffset.UtcNow.AddDays(-14), score: 3));

        var start = DateTimeOffset.UtcNow.AddDays(-60);
        for (var batch = 0; batch < 10; batch++)
            await api.Append(a, Enumerable.Range(batch * 500, 500).Select(i => i % 2 == 0
                ? Entries.CheckIn(start.AddMinutes(i * 17), craving: i * 17 < 20 * 24 * 60 ? 2 : 9)
                : Entries.Urge(start.AddMinutes(i * 17), intensity: 8)).ToArray());
        var safety = Guid.NewGuid();
        await api.Append(b, Entries.CheckIn(DateTimeOffset.UtcNow.AddMinutes(-1), id: safety, safetyConcern: true));

        var alertsOfB = await api.Alerts(b.Clinician, $"?clientId={b.Id}");
        alertsOfB.Single()!.Rule().ShouldBe("safety");
        alertsOfB.Single()!.Evidence().ShouldBe([safety]);
        var phq9 = Guid.NewGuid();
        (await api.Append(c, Entries.Phq9(DateTimeOffset.UtcNow.AddMinutes(-1), score: 9, selfHarm: 1, id: phq9)))["safetyFollowUp"]!
            .GetValue<bool>().ShouldBeTrue();
        var alertsOfC = await api.Alerts(c.Clinician, $"?clientId={c.Id}");
        alertsOfC.Single()!.Rule().ShouldBe("safety"); // not measure-worsening yet: that is the pipeline's
        alertsOfC.Single()!.Evidence().ShouldBe([phq9]);
        (await api.Alerts(a.Clinician, $"?clientId={a.Id}")).ShouldBeEmpty(); // A's backlog: not digested yet

        var store = host.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await api.Judged();
        var alertsOfA = await api.Alerts(a.Clinician, $"?clientId={a.Id}");
        alertsOfA.OfRule("urge-escalation").Single().Occurrences().ShouldBeGreaterThan(2_000);
        alertsOfA.OfRule("craving-rising").ShouldHaveSingleItem();
        (await api.Alerts(b.Clinician, $"?clientId={b.Id}")).Count.ShouldBe(1);
        (await api.Alerts(c.Clinician, $"?clientId={c.Id}")).OfRule("measure-worsening").Single().Evidence().ShouldContain(phq9);
        await daemon.StopAllAsync();
    }
}

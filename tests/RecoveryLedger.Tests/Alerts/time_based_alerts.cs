using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// Disengagement and milestones are durable scheduled checks: they survive a restart, fire within
/// 10 seconds of becoming due, and are superseded by newer activity. Each test owns a database and
/// host(s); time is either a short configured quiet period or a moved TimeProvider, never days of sleep.
/// </summary>
public sealed class time_based_alerts
{
    private static readonly Dictionary<string, string?> QuietAfterFourSeconds = new() { ["Alerts:DisengagementAfter"] = "00:00:04" };
    private static readonly RecoveryLedger.Api.Identity.AuthOptions Auth = new() { SigningKey = AppFixture.SigningKey };

    [Fact]
    public async Task disengagement_survives_a_restart_and_fires_once_due()
    {
        var database = await TestHosts.NewDatabase("restart");
        Client client;
        DateTimeOffset enrolledAt;
        await using (var before = await TestHosts.Start(database, settings: QuietAfterFourSeconds))
        {
            var api = new ApiDriver(before, Auth);
            enrolledAt = DateTimeOffset.UtcNow;
            client = await api.EnrolledClient();
            await api.Judged(); // the pipeline armed the check when it judged the enrolment
        }

        await using var after = await TestHosts.Start(database, settings: QuietAfterFourSeconds);
        var alerts = await new ApiDriver(after, Auth).AlertsWhen(client, a => a.OfRule("disengagement").Any(), "disengagement", seconds: 15);

        var alert = alerts.OfRule("disengagement").Single();
        alert.Severity().ShouldBe("medium");
        DateTimeOffset.Parse(alert["raisedAt"]!.GetValue<string>()).ShouldBeGreaterThanOrEqualTo(enrolledAt.AddSeconds(4));
    }

    [Fact]
    public async Task a_new_client_entry_re_arms_disengagement()
    {
        await using var host = await TestHosts.Start(await TestHosts.NewDatabase("rearm"), settings: QuietAfterFourSeconds);
        var api = new ApiDriver(host, Auth);
        var client = await api.EnrolledClient();
        await Task.Delay(TimeSpan.FromSeconds(2)); // some quiet, but less than the period
        var entry = Guid.NewGuid();
        await api.Append(client, Entries.CheckIn(DateTimeOffset.UtcNow, id: entry));

        var alerts = await api.AlertsWhen(client, a => a.OfRule("disengagement").Any(), "disengagement", seconds: 15);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the superseded first check has long been due by now

        alerts = await api.Alerts(client.Clinician, $"?clientId={client.Id}");
        var disengagement = alerts.OfRule("disengagement").Single();
        disengagement.Evidence().ShouldBe([entry]); // measured from the entry, not from enrolment
    }

    [Fact]
    public async Task milestones_are_recorded_when_due_and_a_lapse_cancels_the_one_that_no_longer_comes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 23, 59, 0, TimeSpan.Zero));
        var database = await TestHosts.NewDatabase("milestone");
        await using var host = await TestHosts.Start(database, services => services.AddSingleton<TimeProvider>(clock));
        var api = new ApiDriver(host, Auth, clock);
        var client = await api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: clock.GetUtcNow().AddHours(-2));
        await api.Judged(); // the pipeline armed the check when it judged the enrolment

        clock.Advance(TimeSpan.FromMinutes(2)); // 2026-01-11 00:01: the first day is complete
        await WaitForMilestones(api, client, 1);
        var alert = (await api.AlertsWhen(client, a => a.OfRule("milestone").Any(), "milestone alert")).OfRule("milestone").Single();
        alert.Severity().ShouldBe("info");

        await api.Append(client, Entries.Lapse(clock.GetUtcNow(), "inner")); // the old streak's day 7 (01-17) will not come
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(12)); // 2026-01-18 12:01
        var milestones = await WaitForMilestones(api, client, 3);

        milestones.ShouldBe(["1@2026-01-11", "1@2026-01-12", "7@2026-01-18"], ignoreOrder: true);
    }

    private static async Task<List<string>> WaitForMilestones(ApiDriver api, Client client, int count) =>
        await Eventually.Get(async () =>
        {
            var items = (await api.Timeline(client, "?kinds=milestone"))["items"]!.AsArray();
            var found = items.Select(i => $"{i!["days"]}@{i["reachedOn"]!.GetValue<string>()}").ToList();
            return found.Count >= count ? found : null;
        }, TimeSpan.FromSeconds(10), $"{count} milestone(s) on the timeline");
}

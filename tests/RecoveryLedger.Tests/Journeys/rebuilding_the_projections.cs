using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>Projections are disposable: wiped and rebuilt from the events, they answer byte for byte the same.</summary>
[Collection(ApiCollection.Name)]
public sealed class rebuilding_the_projections(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<string> Answers(Client client, DateTimeOffset asOf)
    {
        var at = Uri.EscapeDataString(ApiDriver.Iso(asOf));
        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var response = await _api.Get($"/api/clients/{client.Id}/timeline?limit=7&asOf={at}" +
                                          (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), client.Clinician);
            var text = await response.Content.ReadAsStringAsync();
            pages.Add(text);
            cursor = (await response.Json())["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        var streak = await (await _api.Get($"/api/clients/{client.Id}/streak?asOf={at}", client.Clinician)).Content.ReadAsStringAsync();
        var summary = await (await _api.Get($"/api/clients/{client.Id}", client.Clinician)).Content.ReadAsStringAsync();
        var goals = await (await _api.Get($"/api/clients/{client.Id}/goals", client.Clinician)).Content.ReadAsStringAsync();
        var alerts = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString();
        return string.Join("\n", pages) + "\n" + streak + "\n" + summary + "\n" + goals + "\n" + alerts;
    }

    [Fact]
    public async Task gives_the_same_timeline_streak_summary_and_goals()
    {
        var now = DateTimeOffset.UtcNow;
        var clients = new List<Client>();
        foreach (var zone in new[] { "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata" })
        {
            var client = await _api.EnrolledClient(timeZone: zone, sobrietyStartedAt: now.AddDays(-90));
            await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self,
                new { inner = new[] { "x" }, middle = new[] { "y" }, outer = new[] { "z" } });
            await _api.Post($"/api/clients/{client.Id}/care-team", client.Clinician, new { clinicianId = Guid.NewGuid() });
            await _api.Append(client, Enumerable.Range(0, 30).Select(i => i % 10 == 0
                ? Entries.Lapse(now.AddDays(-i * 2), i % 20 == 0 ? "inner" : "middle")
                : i % 3 == 0 ? Entries.CheckIn(now.AddDays(-i * 2).AddHours(3)) : Entries.Urge(now.AddDays(-i * 2).AddHours(1), i % 11)).ToArray());
            await _api.Append(client, client.Clinician, Entries.Session(now.AddDays(-7)));
            await _api.Append(client, Entries.Lapse(now.AddDays(-45), "inner")); // late, back-dated
            var goal = $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}";
            await _api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "trauma", statement = "g", targetDate = "2027-01-31" });
            await _api.Post($"{goal}/reviews", client.Clinician, new { progress = 4, note = "n" });
            await _api.Post($"{goal}/status", client.Clinician, new { status = "dropped" });
            clients.Add(client);
        }
        await _api.Judged();
        var asOf = DateTimeOffset.UtcNow.AddSeconds(1);
        var before = await Task.WhenAll(clients.Select(c => Answers(c, asOf)));
        before.ShouldAllBe(answers => answers.Contains("\"rule\":\"lapse\"") && answers.Contains("\"status\":\"dropped\""));
        var scheduled = await ScheduledChecks(clients);
        scheduled.ShouldBeGreaterThan(0); // each client's disengagement check at least

        (await EveryDatabase.Query<long>(app.Store, "with gone as (delete from recoveryledger.timeline_item returning 1) select count(*) from gone"))
            .Sum().ShouldBeGreaterThan(0);
        await app.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(Journey));
        await app.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(Api.Journeys.Goals.ClientGoals));
        await app.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(SobrietyHistory));
        (await EveryDatabase.Query<long>(app.Store, "with gone as (delete from recoveryledger.lapse_mark returning 1) select count(*) from gone"))
            .Sum().ShouldBeGreaterThan(0);
        (await _api.Get($"/api/clients/{clients[0].Id}", clients[0].Clinician)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await Rebuild("Journey", "SobrietyHistory", "LapseMarks", "Timeline", "ClientGoals");
        var after = await Task.WhenAll(clients.Select(c => Answers(c, asOf)));
        for (var i = 0; i < clients.Count; i++) after[i].ShouldBe(before[i]);

        // As `projections rebuild` does it: over existing rows, which the rebuild must clear first — and the
        // alerts' own projection and the alert pipeline too, which must neither re-raise, re-send nor re-arm.
        await Rebuild("Timeline", "Journey", "SobrietyHistory", "LapseMarks", "ClientGoals", "Alert");
        // The pipeline is a subscription: it is not rebuilt but replayed from the first event, every page
        // coming again to a pipeline that has judged it (the running daemon's agent rewinds and restarts).
        var coordinator = app.Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        foreach (var running in await coordinator.AllDaemonsAsync())
            await running.RewindSubscriptionAsync(Api.Alerts.AlertsSetup.Subscription, CancellationToken.None, sequenceFloor: 0);
        await _api.Judged();
        var again = await Task.WhenAll(clients.Select(c => Answers(c, asOf)));
        for (var i = 0; i < clients.Count; i++) again[i].ShouldBe(before[i]);
        (await ScheduledChecks(clients)).ShouldBe(scheduled);
    }

    /// <summary>
    /// This test's clients' scheduled checks and queued notices in Wolverine's inbox (their messages name the
    /// client): a rebuild adds none. Other tests' clients are left out: their timed checks come due on their own
    /// clock (a past milestone re-arms the next at once), which says nothing about the rebuild.
    /// </summary>
    private async Task<long> ScheduledChecks(IEnumerable<Client> clients) =>
        (await EveryDatabase.Query<long>(app.Store, "select count(*) from recoveryledger.wolverine_incoming_envelopes where " +
            string.Join(" or ", clients.Select(c => $"position(convert_to('{c.Id}', 'UTF8') in body) > 0")))).Sum();

    /// <summary>What <c>projections rebuild</c> does: each projection in every database (each clinic database when spread).</summary>
    private async Task Rebuild(params string[] projections)
    {
        foreach (var database in await app.Store.Storage.AllDatabases())
        {
            using var daemon = await ((DocumentStore)app.Store).BuildProjectionDaemonAsync(database.Id);
            foreach (var projection in projections) await daemon.RebuildProjectionAsync(projection, CancellationToken.None);
        }
    }
}

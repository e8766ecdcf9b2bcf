using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Alerts.Raising;
using Wolverine;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// The alert pipeline judges a client's entries a page at a time, each client in its own transaction
/// with a mark of how far it got: a page that comes again (a restart before the daemon saved its
/// progress, a second node) changes nothing, however the events are cut into pages.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class the_alert_pipeline(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<Client> ClientWithRepeatedAlerts()
    {
        var client = await _api.EnrolledClient();
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        await _api.Append(client, Entries.Lapse(t), Entries.Lapse(t.AddHours(1)), Entries.Urge(t, 8), Entries.Urge(t.AddHours(2), 9),
            Entries.Urge(t.AddHours(3), 7), Entries.Urge(t.AddHours(4), 10), Entries.Lapse(t.AddHours(5), "middle"));
        await _api.Append(client, Entries.Lapse(t.AddHours(6), "middle"), Entries.Urge(t.AddHours(7), 9));
        await _api.Append(client, client.Clinician, Entries.Session(t.AddHours(8), attended: false), Entries.Session(t.AddHours(9), attended: false));
        return client;
    }

    private async Task<string> Inbox(Client client) => (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString();

    private async Task<long> JudgedFacts(Client client)
    {
        await using var session = app.Store.QuerySession(client.Tenant);
        var documents = await session.Query<JudgedFacts>().Where(e => e.ClientId == client.Id).ToListAsync();
        return documents.Sum(d => d.Facts.Count);
    }

    private async Task Deliver(Client client, IReadOnlyList<JasperFx.Events.IEvent> events)
    {
        using var scope = app.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeForTenantAsync(client.Tenant, new JudgeEntries(events));
    }

    [Fact]
    public async Task a_page_delivered_twice_changes_nothing()
    {
        var client = await ClientWithRepeatedAlerts();
        await _api.Judged();
        var before = await Inbox(client);
        var facts = await JudgedFacts(client);
        JsonNode.Parse(before)!.AsArray().Select(a => a!.Rule()).ShouldBe(["lapse", "missed-session", "slip-cluster", "urge-escalation"], ignoreOrder: true);
        before.ShouldContain("\"occurrences\":2"); // repeats were counted once, the first time

        // Resolved alerts too: a page judged again must not raise their successors.
        var lapseAlert = JsonNode.Parse(before)!.AsArray().OfRule("lapse").Single().Id();
        await _api.Step(client.Clinician, lapseAlert, "resolve", HttpStatusCode.OK);
        before = await Inbox(client);

        await using var session = app.Store.QuerySession(client.Tenant);
        var events = (await session.Events.FetchStreamAsync(client.Id)).ToList();
        await Deliver(client, events);
        await Deliver(client, events);
        await Deliver(client, events.Skip(3).Take(4).ToList()); // a page that cuts a batch

        (await Inbox(client)).ShouldBe(before);
        (await JudgedFacts(client)).ShouldBe(facts);
    }

    /// <summary>
    /// An append wakes the daemon by NOTIFY, and the daemon polls as often idle as busy: Marten drops a
    /// NOTIFY that arrives while it checks for new events, and a 1 s idle poll then held that append's
    /// alerts for a second (docs/performance.md, "A lost wakeup").
    /// </summary>
    [Fact]
    public void an_append_reaches_the_pipeline_within_a_quarter_second_poll()
    {
        var options = (StoreOptions)app.Store.Options;
        options.Events.UseListenNotifyForEventAppends.ShouldBeTrue();
        options.Projections.SlowPollingTime.ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        options.Projections.SlowPollingTime.ShouldBe(options.Projections.FastPollingTime);
    }
}

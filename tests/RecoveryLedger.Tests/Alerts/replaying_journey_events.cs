using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// A rule handler that runs again for events it has seen (a retry, a restart, a second node) raises
/// no second alert and counts no extra occurrence.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class replaying_journey_events(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    [Fact]
    public async Task into_the_rule_handlers_changes_nothing()
    {
        var client = await _api.EnrolledClient();
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        await _api.Append(client, Entries.Lapse(t), Entries.Lapse(t.AddHours(1)), Entries.Urge(t, 8), Entries.Urge(t.AddHours(2), 9),
            Entries.Urge(t.AddHours(3), 7), Entries.Urge(t.AddHours(4), 10), Entries.CheckIn(t.AddHours(5), safetyConcern: true));
        await _api.Settled(client);
        var raised = await _api.Alerts(client.Clinician, $"?clientId={client.Id}");
        raised.Count.ShouldBe(4); // lapse, urge-escalation, safety, missed-session (the marker)
        // Resolved alerts too: a replayed trigger must not raise their successor.
        await _api.Step(client.Clinician, raised.OfRule("lapse").Single().Id(), "resolve", HttpStatusCode.OK);
        var before = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString();

        await using var session = app.Store.QuerySession(client.Tenant);
        var events = await session.Events.FetchStreamAsync(client.Id);
        using var scope = app.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        for (var round = 0; round < 2; round++)
            foreach (var e in events)
                await bus.InvokeAsync(e);

        var after = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString();
        after.ShouldBe(before);
        before.ShouldContain("\"occurrences\":2"); // the repeats were counted once, the first time
    }
}

using System.Text.Json;
using Marten;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Seeding;

namespace RecoveryLedger.Tests.Seeding;

public sealed class synthetic_journeys
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Serialized(int seed) => JsonSerializer.Serialize(
        new JourneyGenerator(seed).Clients(5, Now, 60).Select(c => new { c, batches = new JourneyGenerator(seed).Journey(c, Now, 60) }), Json);

    [Fact]
    public void are_deterministic_for_a_seed()
    {
        Serialized(7).ShouldBe(Serialized(7));
        Serialized(7).ShouldNotBe(Serialized(8));
    }

    [Fact]
    public void pass_the_apis_validation_batch_by_batch()
    {
        var generator = new JourneyGenerator(42);
        foreach (var client in generator.Clients(10, Now, 90))
        foreach (var batch in generator.Journey(client, Now, 90))
        {
            var body = JsonSerializer.SerializeToElement(new { entries = batch.Entries }, Json);
            var recorder = batch.ByClinician ? new Recorder(Roles.Clinician, Guid.NewGuid()) : new Recorder(Roles.Client, client.ClientId);
            var (entries, errors) = EntryParser.Parse(body, batch.SyncedAt, recorder);
            errors.Any.ShouldBeFalse(string.Join(", ", errors.ToDictionary().Keys));
            entries.Count.ShouldBe(batch.Entries.Count);
            batch.Entries.Count.ShouldBeLessThanOrEqualTo(EntryParser.MaxBatch);
            if (batch.ByClinician) entries.ShouldAllBe(e => e is SessionRecorded || e is RelationshipMilestoneReached);
        }
    }

    [Fact]
    public void look_like_real_journeys()
    {
        var generator = new JourneyGenerator(42);
        var clients = generator.Clients(40, Now, 90);
        var batches = clients.SelectMany(c => generator.Journey(c, Now, 90)).ToList();
        var entries = batches.SelectMany(b => b.Entries.Select(e => (Batch: b, Entry: e))).ToList();
        string Kind((SyntheticBatch Batch, Dictionary<string, object?> Entry) x) => (string)x.Entry["kind"]!;

        var checkInsPerClientDay = entries.Count(e => Kind(e) == "check-in") / (40.0 * 90);
        checkInsPerClientDay.ShouldBeInRange(0.6, 0.8);                                   // ~70 % completion
        var urges = entries.Where(e => Kind(e) == "urge").ToList();
        var coping = entries.Count(e => Kind(e) == "coping");
        ((double)coping / urges.Count).ShouldBeInRange(0.65, 0.85);                      // coping after most urges
        entries.Count(e => Kind(e) == "lapse").ShouldBeGreaterThan(0);
        entries.Where(e => Kind(e) == "session").Select(e => (bool)e.Entry["attended"]!).Distinct().Count().ShouldBe(2); // some missed
        entries.Count(e => Kind(e) == "relationship-milestone").ShouldBeGreaterThan(0);
        var late = entries.Count(e => e.Batch.SyncedAt - (DateTimeOffset)e.Entry["occurredAt"]! > TimeSpan.FromDays(1));
        ((double)late / entries.Count).ShouldBeInRange(0.03, 0.4);                       // a share synced late (offline days)
        // Evening and late-night peak, in the client's own zone.
        var eveningOrNight = urges.Count(u =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(clients.Single(c => c.ClientId == u.Batch.ClientId).TimeZone);
            var hour = TimeZoneInfo.ConvertTime((DateTimeOffset)u.Entry["occurredAt"]!, zone).Hour;
            return hour >= 18 || hour < 2;
        });
        ((double)eveningOrNight / urges.Count).ShouldBeGreaterThan(0.5);
    }
}

[Collection(ApiCollection.Name)]
public sealed class the_demo_seed(AppFixture app)
{
    [Fact]
    public async Task fills_an_empty_clinic_once_and_the_api_serves_it()
    {
        var tenant = "demo-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var people = DemoClinic.People(tenant, clients: 4, days: 30, seed: 3, now);

        var stored = await DemoClinic.Seed(app.Store, people, 30, 3, now, _ => { }, CancellationToken.None);
        var again = await DemoClinic.Seed(app.Store, people, 30, 3, now, _ => { }, CancellationToken.None);

        stored.ShouldNotBeNull();
        stored.Value.ShouldBeGreaterThan(100);
        again.ShouldBeNull();
        var api = new ApiDriver(app);
        var clinician = api.Clinician(tenant, people.Clinicians[0]);
        var client = people.Clients[0];
        var timeline = await (await api.Get($"/api/clients/{client.ClientId}/timeline?limit=200", clinician)).Json();
        timeline["items"]!.AsArray().Count.ShouldBeGreaterThan(10);
        await using var session = app.Store.QuerySession(tenant);
        (await session.Query<Journey>().CountAsync()).ShouldBe(4);
    }

    [Fact]
    public async Task gives_about_a_third_of_the_clients_a_supporter_who_sees_what_was_shared()
    {
        var tenant = "demo-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var people = DemoClinic.People(tenant, clients: 12, days: 20, seed: 5, now);
        await DemoClinic.Seed(app.Store, people, 20, 5, now, _ => { }, CancellationToken.None);

        var supported = people.Clients.Select(c => SyntheticSupport.For(5, c, now)).Where(s => s is not null).ToList();
        var shared = DemoClinic.FirstSupported(people, 5, now);

        supported.Count.ShouldBeInRange(1, 8);
        people.Clients.Select(c => SyntheticSupport.For(5, c, now)).ShouldBe(people.Clients.Select(c => SyntheticSupport.For(5, c, now)), "deterministic");
        shared.ShouldNotBeNull();
        var api = new ApiDriver(app);
        var supporter = api.Supporter(tenant, shared.Value.Supporter.SupporterId);
        var view = await (await api.Get($"/api/clients/{shared.Value.Client.ClientId}/shared", supporter)).Json();
        view["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(shared.Value.Supporter.Scopes);
        var listed = (await (await api.Get("/api/supporting", supporter)).Json())["clients"]!.AsArray();
        listed.Single()!["clientId"]!.GetValue<Guid>().ShouldBe(shared.Value.Client.ClientId);
    }
}

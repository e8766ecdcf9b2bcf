using System.Text.Json;
using Marten;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Seeding;
using RecoveryLedger.Domain.Measures;

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
            if (batch.ByClinician) entries.ShouldAllBe(e => e is SessionRecorded || e is RelationshipMilestoneReached || e is MeasureRecorded);
            foreach (var measure in entries.OfType<MeasureRecorded>())
                Instrument.Named(measure.Instrument)!.Scored(measure.Items).Score.ShouldBeInRange(0, 76);
        }
    }

    private sealed record Measure(Guid Client, DateTimeOffset At, string Instrument, IReadOnlyList<int> Items, bool ByClinician)
    {
        public int Score => RecoveryLedger.Domain.Measures.Instrument.Named(Instrument)!.Score(Items);
    }

    private static (List<Measure> Measures, List<(SyntheticBatch Batch, Dictionary<string, object?> Entry)> Entries) HalfAYear(int clients)
    {
        var generator = new JourneyGenerator(42);
        var entries = generator.Clients(clients, Now, 180).SelectMany(c => generator.Journey(c, Now, 180))
            .SelectMany(b => b.Entries.Select(e => (Batch: b, Entry: e))).ToList();
        var measures = entries.Where(e => (string)e.Entry["kind"]! == "measure")
            .Select(e => new Measure(e.Batch.ClientId, (DateTimeOffset)e.Entry["occurredAt"]!, (string)e.Entry["instrument"]!,
                (int[])e.Entry["items"]!, e.Batch.ByClinician))
            .OrderBy(m => m.At).ToList();
        return (measures, entries);
    }

    [Fact]
    public void take_phq9_and_gad7_every_two_weeks_and_csbd19_every_three_months()
    {
        var (measures, _) = HalfAYear(40);
        var phq9 = measures.Where(m => m.Instrument == "phq-9").GroupBy(m => m.Client).ToList();
        phq9.Count.ShouldBe(40);
        var gaps = phq9.SelectMany(c => c.Zip(c.Skip(1), (a, b) => (b.At - a.At).TotalDays)).Order().ToList();
        gaps[gaps.Count / 2].ShouldBeInRange(12, 16);                                   // the median: a fortnight
        phq9.Average(c => c.Count()).ShouldBeInRange(10, 13.5);                          // ~13 fortnights, a few missed
        measures.Count(m => m.Instrument == "gad-7").ShouldBe(measures.Count(m => m.Instrument == "phq-9"));
        var byClinician = (double)measures.Count(m => m.ByClinician) / measures.Count;
        byClinician.ShouldBeInRange(0.05, 0.35);                                          // mostly the client, sometimes in a session
        var csbd19 = measures.Where(m => m.Instrument == "csbd-19").GroupBy(m => m.Client).ToList();
        csbd19.Count.ShouldBe(40);
        csbd19.ShouldAllBe(c => c.Count() == 2 || c.Count() == 3);                      // at the start, then every 12–14 weeks
        csbd19.SelectMany(c => c.Zip(c.Skip(1), (a, b) => (b.At - a.At).TotalDays)).ShouldAllBe(days => days >= 83 && days <= 99);
    }

    [Fact]
    public void show_most_clients_improving_and_worsening_before_some_lapses_with_rare_alerts()
    {
        var (measures, entries) = HalfAYear(200);
        var phq9 = measures.Where(m => m.Instrument == "phq-9").GroupBy(m => m.Client).ToDictionary(c => c.Key, c => c.ToList());
        var improved = phq9.Values.Count(c => c.TakeLast(3).Average(m => m.Score) < c.Take(3).Average(m => m.Score));
        ((double)improved / phq9.Count).ShouldBeInRange(0.7, 0.95);            // ~80 % ease, noise aside

        var lapses = entries.Where(e => (string)e.Entry["kind"]! == "lapse" && (string)e.Entry["circle"]! == "inner")
            .ToLookup(e => e.Batch.ClientId, e => (DateTimeOffset)e.Entry["occurredAt"]!);
        var changes = phq9.Values.SelectMany(c => c.Zip(c.Skip(1), (a, b) =>
            (Change: b.Score - a.Score, BeforeLapse: lapses[b.Client].Any(l => l > b.At && l - b.At <= TimeSpan.FromDays(14))))).ToList();
        var beforeLapse = changes.Where(c => c.BeforeLapse).Average(c => c.Change);
        var otherwise = changes.Where(c => !c.BeforeLapse).Average(c => c.Change);
        beforeLapse.ShouldBeGreaterThan(otherwise + 1);

        // Rule set v2: safety on PHQ-9 item 9 ≥ 1; measure-worsening on PHQ-9 +6 or GAD-7 +4 against the previous one.
        var phq9s = measures.Where(m => m.Instrument == "phq-9").ToList();
        ((double)phq9s.Count(m => m.Items[8] == 0) / phq9s.Count).ShouldBeGreaterThan(0.99);
        var safety = phq9s.Where(m => m.Items[8] >= 1).Select(m => m.Client).Distinct().Count() / 200.0;
        safety.ShouldBeInRange(0.005, 0.08);
        var worsening = measures.Where(m => m.Instrument != "csbd-19").GroupBy(m => (m.Client, m.Instrument))
            .Where(g => g.Zip(g.Skip(1), (a, b) => b.Score - a.Score).Any(rise => rise >= (g.Key.Instrument == "phq-9" ? 6 : 4)))
            .Select(g => g.Key.Client).Distinct().Count() / 200.0;
        worsening.ShouldBeInRange(0.005, 0.08);
    }

    [Fact]
    public void write_thought_records_after_some_strong_urges_as_the_client()
    {
        var (_, entries) = HalfAYear(40);
        var thoughtRecords = entries.Where(e => (string)e.Entry["kind"]! == "thought-record").ToList();
        thoughtRecords.ShouldNotBeEmpty();
        thoughtRecords.ShouldAllBe(e => !e.Batch.ByClinician);
        var strongUrges = entries.Where(e => (string)e.Entry["kind"]! == "urge" && (int)e.Entry["intensity"]! >= 7).ToList();
        ((double)thoughtRecords.Count / strongUrges.Count).ShouldBeInRange(0.15, 0.45);
        foreach (var (batch, record) in thoughtRecords)
        {
            var at = (DateTimeOffset)record["occurredAt"]!;
            strongUrges.ShouldContain(u => u.Batch.ClientId == batch.ClientId && at - (DateTimeOffset)u.Entry["occurredAt"]! >= TimeSpan.FromMinutes(30)
                && at - (DateTimeOffset)u.Entry["occurredAt"]! <= TimeSpan.FromHours(2));
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
        var csbd19 = await (await api.Get($"/api/clients/{client.ClientId}/measures?instrument=csbd-19", clinician)).Json();
        csbd19["points"]!.AsArray().Count.ShouldBe(1);                   // at the start of the 30 days
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

    [Fact]
    public async Task gives_every_client_one_to_three_goals_reviewed_about_monthly()
    {
        var tenant = "demo-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var people = DemoClinic.People(tenant, clients: 6, days: 120, seed: 7, now);
        await DemoClinic.Seed(app.Store, people, 120, 7, now, _ => { }, CancellationToken.None);
        var api = new ApiDriver(app);

        foreach (var client in people.Clients)
        {
            var clinician = api.Clinician(tenant, people.Clinicians[client.Clinician]);
            var goals = (await (await api.Get($"/api/clients/{client.ClientId}/goals", clinician)).Json())["goals"]!.AsArray();
            goals.Count.ShouldBeInRange(1, 3);
            foreach (var goal in goals)
            {
                var reviews = goal!["reviews"]!.AsArray().Select(r => r!["at"]!.GetValue<DateTimeOffset>()).ToList();
                reviews.Count.ShouldBeInRange(goal["status"]!.GetValue<string>() == "active" ? 3 : 1, 5, "about monthly over 120 days");
                reviews.Zip(reviews.Skip(1), (a, b) => (b - a).TotalDays).ShouldAllBe(gap => gap >= 26 && gap <= 35);
                goal["progress"]!.GetValue<int>().ShouldBeInRange(0, 10);
            }
        }
        SyntheticGoals.For(7, people.Clients[0], people.Clinicians[0], now, 120)
            .ShouldBe(SyntheticGoals.For(7, people.Clients[0], people.Clinicians[0], now, 120), "deterministic");
    }
}

using System.Text.Json;
using Marten;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Journeys.Enrolling;
using RecoveryLedger.Api.SupportNetwork.Granting;
using RecoveryLedger.Api.Validation;

namespace RecoveryLedger.Api.Seeding;

/// <summary>Who the demo clinic has, so the seed can print tokens for them.</summary>
public sealed record DemoPeople(string Tenant, IReadOnlyList<Guid> Clinicians, Guid Admin, Guid Analyst, IReadOnlyList<SyntheticClient> Clients);

/// <summary>
/// Fills an empty clinic with synthetic journeys. Every batch goes through the same parser as
/// <c>POST …/entries</c>, so what is seeded is what the API would have accepted.
/// </summary>
public static class DemoClinic
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoPeople People(string tenant, int clients, int days, int seed, DateTimeOffset now)
    {
        var generator = new JourneyGenerator(seed);
        Guid Person(string role, int i) => DeterministicGuid.From("demo", tenant, seed.ToString(), role, i.ToString());
        return new DemoPeople(tenant, [Person("clinician", 0), Person("clinician", 1), Person("clinician", 2)], Person("admin", 0),
            Person("analyst", 0), generator.Clients(clients, now, days));
    }

    /// <summary>Seeds the clinic unless it already has clients; answers how many entries were stored.</summary>
    public static async Task<int?> Seed(IDocumentStore store, DemoPeople people, int days, int seed, DateTimeOffset now,
        Action<string> progress, CancellationToken cancellation)
    {
        await using var check = store.QuerySession(people.Tenant);
        if (await check.Query<Journey>().AnyAsync(cancellation)) return null;

        var generator = new JourneyGenerator(seed);
        var stored = 0;
        foreach (var client in people.Clients)
        {
            await using var session = store.LightweightSession(people.Tenant);
            var clinician = new Caller(people.Clinicians[client.Clinician], Roles.Clinician);
            var enrolment = new EnrolClient(client.ClientId, client.Pseudonym, client.TimeZone, client.SobrietyStartedAt, clinician.Id);
            session.Events.StartStream<Journey>(client.ClientId, enrolment.Decide(clinician, now).Cast<object>().ToArray());
            foreach (var batch in generator.Journey(client, now, days))
            {
                var recorder = batch.ByClinician ? new Recorder(Roles.Clinician, clinician.Id) : new Recorder(Roles.Client, client.ClientId);
                var body = JsonSerializer.SerializeToElement(new { entries = batch.Entries }, Json);
                var (entries, errors) = EntryParser.Parse(body, Instants.Normalize(batch.SyncedAt), recorder);
                if (errors.Any) throw new InvalidOperationException($"The generator made an invalid batch: {string.Join(", ", errors.ToDictionary().Keys)}");
                session.Events.Append(client.ClientId, entries.Cast<object>().ToArray());
                stored += entries.Count;
            }
            session.Events.Append(client.ClientId, SyntheticGoals.For(seed, client, clinician.Id, now, days).Cast<object>().ToArray());
            if (SyntheticSupport.For(seed, client, now) is { } supporter)
                session.Events.Append(client.ClientId, new GrantConsent(supporter.Relationship, supporter.Scopes, null)
                    .Decide(JourneyOf(client), supporter.SupporterId, DeterministicGuid.From("consent", supporter.SupporterId.ToString()),
                        new Caller(client.ClientId, Roles.Client), supporter.GrantedAt).Events.Cast<object>().ToArray());
            await session.SaveChangesAsync(cancellation);
            progress($"{client.Pseudonym}: {stored} entries so far");
        }
        return stored;
    }

    /// <summary>A seeded journey has no consents before the seed's own grant: an empty journey decides it.</summary>
    private static Journey JourneyOf(SyntheticClient client) => new() { Id = client.ClientId };

    /// <summary>The first seeded client with a supporter, and that supporter (for a token to try the shared view with).</summary>
    public static (SyntheticClient Client, SyntheticSupporter Supporter)? FirstSupported(DemoPeople people, int seed, DateTimeOffset now) =>
        people.Clients.Select(client => (client, supporter: SyntheticSupport.For(seed, client, now)))
            .Where(pair => pair.supporter is not null).Select(pair => ((SyntheticClient, SyntheticSupporter)?)(pair.client, pair.supporter!))
            .FirstOrDefault();
}

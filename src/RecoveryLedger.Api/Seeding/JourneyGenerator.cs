using NodaTime;
using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.Seeding;

/// <summary>A synthetic client: who it is and when its programme started.</summary>
public sealed record SyntheticClient(Guid ClientId, string Pseudonym, string TimeZone, DateTimeOffset SobrietyStartedAt, int Clinician);

/// <summary>
/// One sync as an app (or a clinician) would send it: the body's entries in contract JSON shape, and the
/// instant of the sync. <see cref="ByClinician"/> batches hold only sessions (with measures taken in them) and
/// relationship milestones.
/// </summary>
public sealed record SyntheticBatch(Guid ClientId, bool ByClinician, DateTimeOffset SyncedAt, IReadOnlyList<Dictionary<string, object?>> Entries);

/// <summary>
/// Deterministic synthetic journeys (same seed, same journeys): daily check-ins with ~70 % completion,
/// urges peaking in the evening and late at night with a personal trigger mix, coping after most urges,
/// occasional middle slips and inner lapses preceded by rising craving, weekly sessions with some
/// missed, relationship milestones, measures and thought records (<see cref="SyntheticTherapy"/>), and a share
/// of days synced late (offline). Output is API batches,
/// so the same data can be POSTed or appended directly.
/// </summary>
public sealed class JourneyGenerator(int seed)
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Auckland", "America/New_York", "Europe/London"];
    // The contract's words, in a fixed order (the same seed gives the same journeys), without the catch-all "other".
    private static readonly string[] Triggers = Specific(Vocabulary.Triggers);
    private static readonly string[] Strategies = Specific(Vocabulary.Strategies);
    private static readonly string[] Milestones = Specific(Vocabulary.RelationshipMilestones);

    // Measures and thought records draw from a stream of their own, so the other entries of a journey stay as they were
    // (only a sync may now come later, after a thought record written past midnight).
    private const int TherapySalt = 0x5A17C0DE;

    private static string[] Specific(IReadOnlySet<string> words) => words.Where(w => w != "other").Order(StringComparer.Ordinal).ToArray();
    // Relative weight of each local hour for urges: quiet mornings, an evening peak, late-night tail.
    private static readonly int[] UrgeHourWeights = [6, 4, 3, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5, 7, 8, 9, 10, 10, 8];

    public IReadOnlyList<SyntheticClient> Clients(int count, DateTimeOffset now, int days)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new SyntheticClient(
            Uuid(random), $"Client {i + 1:000}", Zones[random.Next(Zones.Length)],
            now.AddDays(-days - random.Next(0, 30)).AddHours(-random.Next(0, 24)), i % 3)).ToList();
    }

    /// <summary>The client's history from <paramref name="days"/> days ago until <paramref name="now"/>, as syncs.</summary>
    public IReadOnlyList<SyntheticBatch> Journey(SyntheticClient client, DateTimeOffset now, int days)
    {
        // HashCode.Combine is salted per process: derive the per-client seed by hand so runs repeat.
        var clientSeed = unchecked(seed * 31 + BitConverter.ToInt32(client.ClientId.ToByteArray(), 0));
        var random = new Random(clientSeed);
        var zone = ClientTimeZones.Get(client.TimeZone);
        var mix = Triggers.OrderBy(_ => random.Next()).Take(3).ToArray();
        var baseCraving = random.Next(1, 4);
        var lapseDays = Enumerable.Range(0, days).Where(_ => random.NextDouble() < 1.0 / 45).ToHashSet();
        var slipDays = Enumerable.Range(0, days).Where(_ => random.NextDouble() < 1.0 / 20).ToHashSet();
        var therapy = new SyntheticTherapy(new Random(unchecked(clientSeed ^ TherapySalt)), lapseDays.Order());
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        var batches = new List<SyntheticBatch>();
        var pending = new List<Dictionary<string, object?>>();

        for (var d = days; d >= 1; d--)
        {
            var date = today.PlusDays(-d);
            var index = days - d;
            var rising = lapseDays.Any(l => l - index is > 0 and <= 3);
            var entries = pending;

            if (random.NextDouble() < 0.7)
                entries.Add(CheckIn(random, zone, date, rising ? Math.Min(10, baseCraving + 4 + random.Next(0, 3)) : baseCraving + random.Next(-1, 2)));
            var urges = Poisson(random, rising ? 2.0 : 0.8);
            for (var u = 0; u < urges; u++)
            {
                var at = At(zone, date, Weighted(random, UrgeHourWeights), random.Next(60));
                var urge = Urge(random, at, rising ? random.Next(6, 10) : random.Next(1, 8), mix);
                entries.Add(urge);
                if (random.NextDouble() < 0.75) entries.Add(Coping(random, at.AddMinutes(random.Next(10, 45)), (Guid)urge["id"]!));
                if (therapy.AfterUrge(at, (int)urge["intensity"]!) is { } thoughtRecord) entries.Add(thoughtRecord);
            }
            entries.AddRange(therapy.ByClient(zone, date, index));
            if (slipDays.Contains(index)) entries.Add(Lapse(random, At(zone, date, random.Next(18, 24), random.Next(60)), "middle"));
            if (lapseDays.Contains(index)) entries.Add(Lapse(random, At(zone, date, random.Next(19, 24), random.Next(60)), "inner"));

            // The app syncs at night; on ~15 % of days it is offline and the day rides with the next sync.
            if (d > 1 && random.NextDouble() < 0.15) { pending = entries; continue; }
            // The sync happens after the last entry it carries (late urges and their coping run past midnight).
            var latest = entries.Select(e => (DateTimeOffset)e["occurredAt"]!).DefaultIfEmpty(At(zone, date, 23, 30)).Max();
            var syncedAt = Min(Max(At(zone, date, 23, 30), latest.AddMinutes(1)), now);
            if (entries.Count > 0) batches.Add(new SyntheticBatch(client.ClientId, false, syncedAt, entries.Where(e => (DateTimeOffset)e["occurredAt"]! <= now).ToList()));
            pending = [];

            if (date.DayOfWeek == IsoDayOfWeek.Wednesday)
            {
                var session = Session(random, At(zone, date, 17, 0));
                batches.Add(new SyntheticBatch(client.ClientId, true, syncedAt,
                    [session, .. therapy.InSession((DateTimeOffset)session["occurredAt"]!, (bool)session["attended"]!, index)]));
            }
            if (random.NextDouble() < 1.0 / 30)
                batches.Add(new SyntheticBatch(client.ClientId, true, syncedAt, [RelationshipMilestone(random, At(zone, date, 18, 30))]));
        }
        return batches.Where(b => b.Entries.Count > 0).ToList();
    }

    internal static Dictionary<string, object?> Entry(Random random, string kind, DateTimeOffset at) =>
        new() { ["id"] = Uuid(random), ["kind"] = kind, ["occurredAt"] = at };

    private static Dictionary<string, object?> CheckIn(Random random, DateTimeZone zone, LocalDate date, int craving)
    {
        var e = Entry(random, "check-in", At(zone, date, random.Next(19, 23), random.Next(60)));
        e["mood"] = Math.Clamp(5 - craving / 3 + random.Next(-1, 2), 1, 5);
        e["craving"] = Math.Clamp(craving, 0, 10);
        e["halt"] = new Dictionary<string, object?> { ["hungry"] = random.NextDouble() < 0.2, ["angry"] = random.NextDouble() < 0.15,
            ["lonely"] = random.NextDouble() < 0.3, ["tired"] = random.NextDouble() < 0.4 };
        e["sleepHours"] = Math.Round(5 + random.NextDouble() * 4, 1);
        return e;
    }

    private static Dictionary<string, object?> Urge(Random random, DateTimeOffset at, int intensity, string[] mix)
    {
        var e = Entry(random, "urge", at);
        e["intensity"] = intensity;
        e["triggers"] = mix.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(mix[0]).ToArray();
        e["durationMinutes"] = random.Next(2, 90);
        return e;
    }

    private static Dictionary<string, object?> Coping(Random random, DateTimeOffset at, Guid urgeId)
    {
        var e = Entry(random, "coping", at);
        e["strategy"] = Strategies[random.Next(Strategies.Length)];
        e["outcome"] = random.NextDouble() < 0.8 ? "resisted" : "partly";
        e["urgeId"] = urgeId;
        return e;
    }

    private static Dictionary<string, object?> Lapse(Random random, DateTimeOffset at, string circle)
    {
        var e = Entry(random, "lapse", at);
        e["circle"] = circle;
        return e;
    }

    private static Dictionary<string, object?> Session(Random random, DateTimeOffset at)
    {
        var e = Entry(random, "session", at);
        e["sessionKind"] = random.NextDouble() < 0.7 ? "individual" : "group";
        e["attended"] = random.NextDouble() < 0.85;
        e["durationMinutes"] = 50;
        return e;
    }

    private static Dictionary<string, object?> RelationshipMilestone(Random random, DateTimeOffset at)
    {
        var e = Entry(random, "relationship-milestone", at);
        e["milestone"] = Milestones[random.Next(Milestones.Length)];
        e["with"] = "partner";
        return e;
    }

    internal static DateTimeOffset At(DateTimeZone zone, LocalDate date, int hour, int minute) =>
        zone.AtLeniently(date.At(new LocalTime(hour % 24, minute))).ToDateTimeOffset().ToUniversalTime();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static int Poisson(Random random, double mean)
    {
        var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
        do { k++; p *= random.NextDouble(); } while (p > limit);
        return k - 1;
    }

    private static int Weighted(Random random, int[] weights)
    {
        var pick = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++) if ((pick -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    private static Guid Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

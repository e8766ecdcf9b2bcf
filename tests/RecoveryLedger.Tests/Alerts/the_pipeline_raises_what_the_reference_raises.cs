using CsCheck;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// The equivalence property, through the real pipeline: random journeys of three clients, cut into random
/// batches, sent concurrently over HTTP in random arrival order (late, back-dated entries included), judged
/// by a host whose pages hold only 7 events — so pages mix clients and cut batches — must raise exactly the
/// alerts (rule, evidence, occurrences, severity) of the pure one-by-one reference in Domain.
/// </summary>
public sealed class the_pipeline_raises_what_the_reference_raises : IAsyncLifetime
{
    private static readonly RecoveryLedger.Api.Identity.AuthOptions Auth = new() { SigningKey = AppFixture.SigningKey };
    private Alba.IAlbaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHosts.Start(await TestHosts.NewDatabase("equivalence"), settings: new Dictionary<string, string?> { ["Alerts:PageSize"] = "7" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A generated entry: its request body and the fact the reference reads.</summary>
    private sealed record Generated(object Body, Fact Fact);

    private static readonly DateTimeOffset Origin = DateTimeOffset.UtcNow.AddDays(-22);

    private static Gen<DateTimeOffset> Hour(int toHour) => Gen.Int[0, toHour].Select(h => Origin.AddHours(h));

    /// <summary>
    /// PHQ-9 (item 9 sometimes answered), GAD-7 and CSBD-19 over their whole score ranges; recordedAt is the
    /// server's, set per batch by <see cref="Journey.Reference"/>. Declared before
    /// <see cref="Entry"/>, which reads it when the class is initialised.
    /// </summary>
    private static readonly Gen<Generated> Measure = Gen.Frequency(
        (3, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Int[0, 24], Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 3])), (id, at, rest, selfHarm) =>
            new Generated(Entries.Phq9(at, rest + selfHarm, selfHarm, id), new MeasureFact(id, at, at, "phq-9", rest + selfHarm, selfHarm)))),
        (2, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Int[0, 21], (id, at, score) =>
            new Generated(Entries.Gad7(at, score, id), new MeasureFact(id, at, at, "gad-7", score, null)))),
        (1, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Int[19, 76], (id, at, score) =>
            new Generated(Entries.Measure(at, "csbd-19", Entries.Answers(19, 1, 4, score, []), id), new MeasureFact(id, at, at, "csbd-19", score, null)))));

    private static readonly Gen<Generated> Entry = Gen.Frequency(
        (3, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Int[0, 4], Gen.Frequency((12, false), (1, true)), (id, at, craving, safety) =>
        {
            var c = at > Origin.AddDays(14) ? craving + 5 : craving;
            return new Generated(Entries.CheckIn(at, craving: c, id: id, safetyConcern: safety), new CheckInFact(id, at, c, safety));
        })),
        (2, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Frequency((1, Gen.Int[0, 6]), (2, Gen.Int[7, 10])), (id, at, intensity) =>
            new Generated(Entries.Urge(at, intensity, id), new UrgeFact(id, at, intensity)))),
        (1, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Bool, (id, at, inner) =>
            new Generated(Entries.Lapse(at, inner ? "inner" : "middle", id), new LapseFact(id, at, inner)))),
        (1, Gen.Select(Gen.Guid, Hour(21 * 24), Gen.Bool, (id, at, attended) =>
            new Generated(Entries.Session(at, attended, id), new SessionFact(id, at, attended)))),
        (1, Measure));

    /// <summary>One client's journey: the programme start and the batches in the order they arrive.</summary>
    private sealed record Journey(DateTimeOffset SobrietyStartedAt, Generated[][] Batches)
    {
        /// <summary>
        /// The reference's alerts. A measure's recordedAt (which breaks occurredAt ties) is the instant the server
        /// stored its batch: a client's batches are sent one after another, so the batch's index orders them alike.
        /// </summary>
        public IReadOnlyList<string> Reference() =>
            [.. ReferenceEvaluation.Evaluate(SobrietyStartedAt, Batches.Select((b, i) => b.Select(e => RecordedIn(e.Fact, i)).ToList())).Select(a => a.Key)];

        private static Fact RecordedIn(Fact fact, int batch) => fact is MeasureFact m ? m with { RecordedAt = Origin.AddSeconds(batch) } : fact;

        public override string ToString() =>
            $"start {SobrietyStartedAt:O}: " + string.Join(" | ", Batches.Select(b => string.Join(", ", b.Select(e => e.Fact))));
    }

    private static readonly Gen<Journey> Journeys =
        Gen.Select(Hour(7 * 24), Entry.Array[1, 9].Array[1, 8], (start, batches) => new Journey(start, batches));

    private static string KeyOf(System.Text.Json.Nodes.JsonNode alert) =>
        new ReferenceAlert(alert.Rule(), alert["ruleVersion"]!.GetValue<int>(), Severities.Parse(alert.Severity()), alert.Occurrences(),
            [.. alert.Evidence().Order()]).Key;

    [Fact]
    public async Task for_random_journeys_batchings_and_arrival_orders() =>
        await Gen.Select(Journeys, Journeys, Journeys).SampleAsync(async (first, second, third) =>
        {
            var api = new ApiDriver(_host, Auth);
            var clinic = api.NewClinic();
            var journeys = new[] { first, second, third };
            var clients = new List<Client>();
            foreach (var journey in journeys) clients.Add(await api.EnrolledClient(clinic, sobrietyStartedAt: journey.SobrietyStartedAt));

            await Task.WhenAll(journeys.Select(async (journey, i) =>
            {
                foreach (var batch in journey.Batches) await api.Append(clients[i], batch.Select(e => e.Body).ToArray());
            }));
            await api.Judged();

            for (var i = 0; i < journeys.Length; i++)
            {
                var raised = (await api.Alerts(clients[i].Clinician, $"?clientId={clients[i].Id}")).Select(a => KeyOf(a!)).Order(StringComparer.Ordinal);
                raised.ToList().ShouldBe(journeys[i].Reference(), $"client {i}: {journeys[i]}");
            }
        }, iter: 12, threads: 1);
}

using CsCheck;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// The streak's storage (a bounded frame document and a <c>lapse_mark</c> row per lapse, issue 16) gives what
/// <see cref="StreakCalculator"/> gives on the whole history: random lapses, stored through the real inline
/// projections in PostgreSQL, read as of random instants. Instants carry ticks below the microsecond, lapses are
/// recorded late and happen after the instant read, so the SQL filters and the tick columns are what is tested.
/// The latest-restart read (caseload, milestone checks) must agree too. Its own database, with no async work: the
/// generated clients' past milestones must not set off a chain of timed checks in a host where other tests count
/// the scheduled checks.
/// </summary>
public sealed class the_streak_reads_agree_with_the_calculator : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHosts.Start(await TestHosts.NewDatabase("streakreads"),
        settings: new Dictionary<string, string?> { ["AsyncWork:Mode"] = "Disabled" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IDocumentStore Documents => _host.Services.GetRequiredService<IDocumentStore>();

    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/St_Johns", "Pacific/Kiritimati", "Australia/Lord_Howe"];

    /// <summary>Any tick of 60 days, in UTC as the API stores it (the domain tests show offsets change nothing).</summary>
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, TimeSpan.FromDays(60).Ticks].Select(ticks => Origin.AddTicks(ticks));

    private sealed record Lapse(DateTimeOffset OccurredAt, bool Inner, DateTimeOffset RecordedAt);

    private sealed record Case(string Zone, DateTimeOffset Start, Lapse[] Lapses, DateTimeOffset AsOf)
    {
        public override string ToString() => $"zone {Zone}, start {Start:O}, as of {AsOf:O}, lapses [{string.Join(", ",
            Lapses.Select(l => $"{(l.Inner ? "inner" : "middle")} {l.OccurredAt:O} recorded {l.RecordedAt:O}"))}]";
    }

    /// <summary>Lapses near the start are likelier, so "a tick before or after the start" comes up.</summary>
    private static readonly Gen<Case> Cases = Gen.Select(Gen.OneOf(Zones), Instant, Instant, (zone, start, asOf) => (zone, start, asOf))
        .SelectMany(c => Gen.Select(Gen.Frequency((3, Instant), (1, Gen.Long[-1, 1].Select(c.start.AddTicks))), Gen.Bool, Instant,
                (occurred, inner, recorded) => new Lapse(occurred, inner, recorded)).Array[0, 16]
            .Select(lapses => new Case(c.zone, c.start, lapses, c.asOf)));

    [Fact]
    public async Task for_random_histories_read_as_of_random_instants() =>
        await Cases.SampleAsync(async c =>
        {
            var tenant = "clinic-" + Guid.NewGuid().ToString("N")[..12];
            var clientId = Guid.NewGuid();
            await Store(tenant, clientId, c);
            var expected = StreakCalculator.Calculate(new StreakHistory(c.Zone, c.Start, c.Lapses.Where(l => l.RecordedAt <= c.AsOf)
                .Select(l => new LapseRecord(l.OccurredAt, l.Inner ? LapseCircle.Inner : LapseCircle.Middle)).ToList()), c.AsOf);

            await using var session = Documents.QuerySession(tenant);
            var view = JourneyStreak.Of((await SobrietyReads.Record(session, clientId, c.AsOf, CancellationToken.None))!, c.AsOf);
            var current = (await SobrietyReads.Start(session, clientId, c.AsOf, CancellationToken.None))!.Current(c.AsOf);

            new StreakView(clientId, c.Zone, expected.StreakStartedAt, expected.CurrentStreakDays, expected.LongestStreakDays,
                    expected.TotalSoberDays, expected.InnerLapses, expected.MiddleSlips, expected.LastLapseAt, view.Milestones, expected.NextMilestoneDays)
                .ShouldBe(view, c.ToString());
            view.Milestones.Select(m => (m.Days, m.ReachedOn)).ShouldBe(expected.Milestones.Select(m => (m.Days, m.ReachedOn)));
            (current with { Milestones = [] }).ShouldBe(new CurrentStreak(expected.StreakStartedAt, expected.CurrentStreakDays, [],
                expected.NextMilestoneDays), c.ToString());
        }, iter: 60, threads: 1);

    private async Task Store(string tenant, Guid clientId, Case c)
    {
        await using var session = Documents.LightweightSession(tenant);
        var enrolled = new ClientEnrolled(clientId, "Client", c.Zone, c.Start, Guid.NewGuid(), Origin, Origin, Recorder.System);
        session.Events.StartStream<Journey>(clientId, [enrolled, .. c.Lapses.Select(l => new LapseRecorded(Guid.NewGuid(), l.OccurredAt,
            l.Inner ? Vocabulary.Circle.Inner : Vocabulary.Circle.Middle, null, null, l.RecordedAt, Recorder.System))]);
        await session.SaveChangesAsync();
    }
}

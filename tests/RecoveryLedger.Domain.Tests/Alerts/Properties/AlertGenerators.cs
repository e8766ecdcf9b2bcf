using CsCheck;
using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Properties;

internal static class AlertGenerators
{
    private const int Days = 21;
    private const int BaselineDays = 14;

    /// <summary>A whole hour within the first <see cref="Days"/> days (so instants often tie), written with an arbitrary offset.</summary>
    private static Gen<(int Hour, DateTimeOffset At)> Instant(int toHour) =>
        Gen.Select(Gen.Int[0, toHour], Gen.Int[-14 * 4, 14 * 4],
            (hour, quarterHours) => (hour, At.Hour(hour).ToOffset(TimeSpan.FromMinutes(quarterHours * 15))));

    private static readonly Gen<(int Hour, DateTimeOffset At)> AnyInstant = Instant(Days * 24);

    private static readonly Gen<Fact> Urge =
        Gen.Select(Gen.Guid, AnyInstant, Gen.Frequency((1, Gen.Int[0, 6]), (2, Gen.Int[7, 10])),
            (id, at, intensity) => (Fact)new UrgeFact(id, at.At, intensity));

    /// <summary>Cravings run higher after the first two weeks, so craving-rising gets its chance.</summary>
    private static readonly Gen<Fact> CheckIn =
        Gen.Select(Gen.Guid, AnyInstant, Gen.Int[0, 4], Gen.Frequency((9, false), (1, true)),
            (id, at, craving, safetyConcern) =>
                (Fact)new CheckInFact(id, at.At, at.Hour >= BaselineDays * 24 ? craving + 5 : craving, safetyConcern));

    private static readonly Gen<Fact> Lapse =
        Gen.Select(Gen.Guid, AnyInstant, Gen.Bool, (id, at, inner) => (Fact)new LapseFact(id, at.At, inner));

    private static readonly Gen<Fact> Session =
        Gen.Select(Gen.Guid, AnyInstant, Gen.Bool, (id, at, attended) => (Fact)new SessionFact(id, at.At, attended));

    /// <summary>
    /// PHQ-9, GAD-7 and CSBD-19 with scores spread over their whole range (so reliable worsening is common),
    /// item 9 of a PHQ-9 sometimes answered; recorded at one of a few instants, so occurredAt ties are broken
    /// by recordedAt as well as by id (a journey sets it to its batch's instant).
    /// </summary>
    private static readonly Gen<Fact> Measure = Gen.Frequency(
        (3, Gen.Select(Gen.Guid, AnyInstant, Gen.Int[0, 24], Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3])), Gen.Int[0, 2],
            (id, at, rest, selfHarm, recorded) => (Fact)new MeasureFact(id, at.At, At.Hour(Days * 24 + recorded), "phq-9", rest + selfHarm, selfHarm))),
        (2, Gen.Select(Gen.Guid, AnyInstant, Gen.Int[0, 21], Gen.Int[0, 2],
            (id, at, score, recorded) => (Fact)new MeasureFact(id, at.At, At.Hour(Days * 24 + recorded), "gad-7", score, null))),
        (1, Gen.Select(Gen.Guid, AnyInstant, Gen.Int[19, 76],
            (id, at, score) => (Fact)new MeasureFact(id, at.At, At.Hour(Days * 24), "csbd-19", score, null))));

    public static readonly Gen<Fact> Fact = Gen.Frequency((3, CheckIn), (2, Urge), (1, Lapse), (1, Session), (1, Measure));

    /// <summary>The programme may start after some of the entries (history from before it); the new entry may be back-dated.</summary>
    public static readonly Gen<AlertCase> Case =
        Gen.Select(Instant(7 * 24), Fact.Array[0, 60], Fact, (start, before, entry) => new AlertCase(start.At, before, entry));

    /// <summary>A journey as it arrives: the programme start, and its entries in batches, in arrival order (so often back-dated).</summary>
    public static readonly Gen<PagedJourney> Journey =
        Gen.Select(Instant(7 * 24), Fact.Array[1, 9].Array[0, 14], Gen.Int[1, 25],
            (start, batches, pageSize) => new PagedJourney(start.At, [.. batches.Select((batch, b) => PagedJourney.RecordedIn(batch, b))], pageSize));
}

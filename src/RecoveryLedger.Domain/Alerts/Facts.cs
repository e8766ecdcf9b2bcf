using System.Runtime.InteropServices;

namespace RecoveryLedger.Domain.Alerts;

/// <summary>
/// The kinds of entry the alert rules read; the other kinds (coping, relationship milestones, thought
/// records) raise nothing. Stored as numbers (JudgedFacts): new kinds go at the end.
/// </summary>
public enum FactKind
{
    CheckIn,
    Urge,
    Lapse,
    Session,
    Measure,
}

/// <summary>
/// What the alert rules may know of an entry: its id, when it occurred and the numbers the rules read.
/// No notes, no behaviours, nothing free-text: rules can be replayed and shadow-run on this alone.
/// </summary>
public abstract record Fact(Guid Id, DateTimeOffset OccurredAt)
{
    public abstract FactKind Kind { get; }
}

public sealed record UrgeFact(Guid Id, DateTimeOffset OccurredAt, int Intensity) : Fact(Id, OccurredAt)
{
    public override FactKind Kind => FactKind.Urge;
}

public sealed record CheckInFact(Guid Id, DateTimeOffset OccurredAt, int Craving, bool SafetyConcern) : Fact(Id, OccurredAt)
{
    public override FactKind Kind => FactKind.CheckIn;
}

public sealed record LapseFact(Guid Id, DateTimeOffset OccurredAt, bool Inner) : Fact(Id, OccurredAt)
{
    public override FactKind Kind => FactKind.Lapse;
}

public sealed record SessionFact(Guid Id, DateTimeOffset OccurredAt, bool Attended) : Fact(Id, OccurredAt)
{
    public override FactKind Kind => FactKind.Session;
}

/// <summary>
/// A questionnaire as the rules see it: its instrument (a vocabulary name: <c>phq-9</c>, <c>gad-7</c>,
/// <c>csbd-19</c>), its total score and, for a PHQ-9, the answer to item 9 (thoughts of self-harm); never
/// the answers otherwise, never the note. <see cref="RecordedAt"/> (the batch's instant) breaks ties of
/// occurredAt when the rules look for the measure just before another.
/// </summary>
public sealed record MeasureFact(Guid Id, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Instrument, int Score, int? SelfHarm)
    : Fact(Id, OccurredAt)
{
    public override FactKind Kind => FactKind.Measure;

    /// <summary>The fact of a validated measure: its score, and item 9's answer when it is a PHQ-9.</summary>
    public static MeasureFact Of(Guid id, DateTimeOffset occurredAt, DateTimeOffset recordedAt, string instrument, IReadOnlyList<int> items)
    {
        var scored = Measures.Instrument.Named(instrument) ?? throw new ArgumentException($"Unknown instrument '{instrument}'.", nameof(instrument));
        return new MeasureFact(id, occurredAt, recordedAt, scored.Name, scored.Score(items),
            scored == Measures.Instrument.Phq9 ? items[Measures.Instrument.Phq9SelfHarmItem] : null);
    }

    /// <summary>A PHQ-9 whose item 9 is answered 1 or more (thoughts of self-harm on at least several days).</summary>
    public bool ReportsSelfHarm => Instrument == Measures.Instrument.Phq9.Name && SelfHarm >= 1;

    /// <summary>Comes before <paramref name="other"/> by (occurredAt, recordedAt, id): the order in which "previous" is meant.</summary>
    public bool Precedes(MeasureFact other) =>
        OccurredAt != other.OccurredAt ? OccurredAt < other.OccurredAt
        : RecordedAt != other.RecordedAt ? RecordedAt < other.RecordedAt
        : Id.CompareTo(other.Id) < 0;
}

/// <summary>
/// The client's history as the rules see it when <c>entry</c> arrives: every fact that had arrived
/// before it (in any occurredAt order), and the programme start.
/// </summary>
public sealed record RuleContext(DateTimeOffset SobrietyStartedAt, IReadOnlyList<Fact> Before)
{
    /// <summary>
    /// <see cref="Before"/> as a span: the rules that scan every fact of a window for every entry of a bulk sync
    /// (craving-rising reads a baseline of hundreds of check-ins) loop over it without an enumerator's interface calls.
    /// </summary>
    public ReadOnlySpan<Fact> Facts => Before switch
    {
        List<Fact> list => CollectionsMarshal.AsSpan(list),
        Fact[] array => array,
        _ => Before.ToArray(),
    };
}

namespace RecoveryLedger.Domain.Alerts;

/// <summary>The kinds of entry the alert rules read; the other kinds (coping, relationship milestones) raise nothing.</summary>
public enum FactKind
{
    CheckIn,
    Urge,
    Lapse,
    Session,
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
/// The client's history as the rules see it when <c>entry</c> arrives: every fact that had arrived
/// before it (in any occurredAt order), and the programme start.
/// </summary>
public sealed record RuleContext(DateTimeOffset SobrietyStartedAt, IReadOnlyList<Fact> Before);

using System.Text.Json.Serialization;
using Marten;
using Marten.Schema;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// The alert pipeline's own memory of the entries it has judged, as the rules see them: typed facts (no
/// note, no behaviour, no free text — the rules never read the timeline's JSON) with when each arrived
/// (its batch and sequence). One document per client, kind, UTC calendar month of occurrence and unit of
/// work, spanning the occurredAt range [<see cref="From"/>, <see cref="To"/>] of its facts (within one
/// month): a page writes a handful of rows rather than one per entry — even a sync of weeks of back-dated
/// entries — and a window read selects, by index, the documents whose month meets the window, then the facts.
/// </summary>
public sealed class JudgedFacts
{
    public Guid Id { get; set; }
    public Guid ClientId { get; set; }
    public FactKind Kind { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public List<JudgedFact> Facts { get; set; } = [];

    /// <summary>No document spans more than this, so a window read can bound its index scan from below.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    /// <summary>The page's facts, one document per kind and UTC month, named by where they start in the store.</summary>
    public static IEnumerable<JudgedFacts> Of(Guid clientId, IEnumerable<Arrival> arrivals) =>
        arrivals.GroupBy(a => (a.Fact.Kind, Month: MonthOf(a.Fact.OccurredAt))).Select(kind => new JudgedFacts
        {
            Id = DeterministicGuid.From("judged", clientId.ToString(), kind.Key.Kind.ToString(), kind.Key.Month.ToString("O"),
                kind.Min(a => a.Sequence).ToString()),
            ClientId = clientId,
            Kind = kind.Key.Kind,
            From = kind.Min(a => a.Fact.OccurredAt),
            To = kind.Max(a => a.Fact.OccurredAt),
            Facts = [.. kind.Select(JudgedFact.Of)],
        });

    private static DateOnly MonthOf(DateTimeOffset instant) => new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, 1);

    /// <summary>
    /// Real columns and one index for the window reads (client, kind, range start). The columns are declared
    /// on the mapping itself: the registry's Duplicate would add a one-column index per column, which no
    /// query uses and every insert pays for.
    /// </summary>
    public static void Configure(StoreOptions opts)
    {
        opts.RegisterDocumentType<JudgedFacts>();
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(JudgedFacts)) return;
            mapping.DuplicateField(nameof(ClientId), notNull: true);
            mapping.DuplicateField(nameof(Kind), notNull: true);
            mapping.DuplicateField(nameof(From), notNull: true).ColumnName = "from_at";
            mapping.DuplicateField(nameof(To), notNull: true).ColumnName = "to_at";
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "kind", "from_at") { Name = "mt_doc_judgedfacts_idx_window" });
        });
    }
}

/// <summary>
/// One judged entry: the numbers its kind's rules read, and when it arrived. A measure keeps its
/// instrument's name, score and PHQ-9 item 9 — not its answers; its recordedAt is the batch's instant.
/// Only its kind's numbers are stored: the others are null and left out of the JSON, which the pipeline
/// writes and reads back for every page (a craving baseline alone is hundreds of facts).
/// </summary>
public sealed record JudgedFact(Guid EntryId, DateTimeOffset OccurredAt, DateTimeOffset Batch, long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Intensity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Craving = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SafetyConcern = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Inner = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Attended = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instrument = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Score = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SelfHarm = null)
{
    public static JudgedFact Of(Arrival arrival) => arrival.Fact switch
    {
        UrgeFact u => new(u.Id, u.OccurredAt, arrival.Batch, arrival.Sequence, Intensity: u.Intensity),
        CheckInFact c => new(c.Id, c.OccurredAt, arrival.Batch, arrival.Sequence, Craving: c.Craving, SafetyConcern: c.SafetyConcern),
        LapseFact l => new(l.Id, l.OccurredAt, arrival.Batch, arrival.Sequence, Inner: l.Inner),
        SessionFact s => new(s.Id, s.OccurredAt, arrival.Batch, arrival.Sequence, Attended: s.Attended),
        MeasureFact m => new(m.Id, m.OccurredAt, arrival.Batch, arrival.Sequence, Instrument: m.Instrument, Score: m.Score, SelfHarm: m.SelfHarm),
        _ => throw new InvalidOperationException($"Unknown fact {arrival.Fact.GetType().Name}."),
    };

    public Arrival ToArrival(FactKind kind) => new(kind switch
    {
        FactKind.Urge => new UrgeFact(EntryId, OccurredAt, Intensity!.Value),
        FactKind.CheckIn => new CheckInFact(EntryId, OccurredAt, Craving!.Value, SafetyConcern!.Value),
        FactKind.Lapse => new LapseFact(EntryId, OccurredAt, Inner!.Value),
        FactKind.Session => new SessionFact(EntryId, OccurredAt, Attended!.Value),
        FactKind.Measure => new MeasureFact(EntryId, OccurredAt, Batch, Instrument!, Score!.Value, SelfHarm),
        _ => throw new InvalidOperationException($"Unknown fact kind {kind}."),
    }, Sequence, Batch);
}

/// <summary>How far the pipeline has judged a client's journey: the sequence of the last event it judged.</summary>
public sealed class JudgedThrough
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
}

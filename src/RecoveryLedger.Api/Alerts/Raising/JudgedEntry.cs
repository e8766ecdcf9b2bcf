using Marten;
using Marten.Schema;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// The alert pipeline's own memory of an entry it has judged: the typed fact the rules read, and when it
/// arrived (its batch and sequence). Written by the pipeline in the transaction that judged it, read back
/// in windows (<see cref="HistoryWindow"/>) when later entries of the client are judged. Narrow and
/// typed: no note, no behaviour, no free text; the rules never read the timeline's JSON.
/// </summary>
public sealed class JudgedEntry
{
    public Guid Id { get; set; }
    public Guid ClientId { get; set; }
    public Guid EntryId { get; set; }
    public FactKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset Batch { get; set; }
    public long Sequence { get; set; }
    public int? Intensity { get; set; }
    public int? Craving { get; set; }
    public bool? SafetyConcern { get; set; }
    public bool? Inner { get; set; }
    public bool? Attended { get; set; }

    public static Guid DocumentId(Guid clientId, Guid entryId) => DeterministicGuid.From("judged", clientId.ToString(), entryId.ToString());

    public static JudgedEntry Of(Guid clientId, Arrival arrival)
    {
        var row = new JudgedEntry
        {
            Id = DocumentId(clientId, arrival.Fact.Id), ClientId = clientId, EntryId = arrival.Fact.Id, Kind = arrival.Fact.Kind,
            OccurredAt = arrival.Fact.OccurredAt, Batch = arrival.Batch, Sequence = arrival.Sequence,
        };
        switch (arrival.Fact)
        {
            case UrgeFact u: row.Intensity = u.Intensity; break;
            case CheckInFact c: row.Craving = c.Craving; row.SafetyConcern = c.SafetyConcern; break;
            case LapseFact l: row.Inner = l.Inner; break;
            case SessionFact s: row.Attended = s.Attended; break;
        }
        return row;
    }

    public Arrival ToArrival() => new(Kind switch
    {
        FactKind.Urge => new UrgeFact(EntryId, OccurredAt, Intensity!.Value),
        FactKind.CheckIn => new CheckInFact(EntryId, OccurredAt, Craving!.Value, SafetyConcern!.Value),
        FactKind.Lapse => new LapseFact(EntryId, OccurredAt, Inner!.Value),
        FactKind.Session => new SessionFact(EntryId, OccurredAt, Attended!.Value),
        _ => throw new InvalidOperationException($"Unknown fact kind {Kind}."),
    }, Sequence, Batch);

    /// <summary>
    /// Real columns and one composite index for the window reads (client, kind, occurredAt). The columns are
    /// declared on the mapping itself: the registry's Duplicate would add a one-column index per column,
    /// which no query uses and every insert pays for.
    /// </summary>
    public static void Configure(StoreOptions opts)
    {
        opts.RegisterDocumentType<JudgedEntry>();
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(JudgedEntry)) return;
            mapping.DuplicateField(nameof(ClientId), notNull: true);
            mapping.DuplicateField(nameof(Kind), notNull: true);
            mapping.DuplicateField(nameof(OccurredAt), notNull: true);
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "kind", "occurred_at") { Name = "mt_doc_judgedentry_idx_window" });
        });
    }
}

/// <summary>How far the pipeline has judged a client's journey: the sequence of the last event it judged.</summary>
public sealed class JudgedThrough
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
}

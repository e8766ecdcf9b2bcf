using JasperFx.Events;
using Marten;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.Accountability;

/// <summary>The actions an access-log entry names (the contract's words).</summary>
public static class ReadActions
{
    public const string Timeline = "timeline.read";
    public const string Streak = "streak.read";
    public const string Client = "client.read";
    public const string Alerts = "alerts.read";
    public const string Caseload = "caseload.read";
    public const string Export = "export.read";
    public const string Measures = "measures.read";
    public const string Supporters = "supporters.read";
    public const string Supporting = "supporting.read";
    public const string Shared = "shared.read";
    public const string Goals = "goals.read";
    /// <summary>Not a read: the client was erased (the only such action).</summary>
    public const string Erasure = "erasure";
}

/// <summary>Legacy: the client's access-log stream began (with its enrolment). No longer written; kept so old streams read.</summary>
public sealed record AccessLogOpened(Guid ClientId, DateTimeOffset At);

/// <summary>Legacy: a read by someone other than the client, in the client's access-log stream. No longer written; still served.</summary>
public sealed record ClientRecordRead(Guid ActorId, string ActorRole, string Action, DateTimeOffset At);

/// <summary>Legacy: an admin erased the client, in the client's access-log stream. No longer written; still served.</summary>
public sealed record ClientRecordErased(Guid ActorId, string ActorRole, DateTimeOffset At);

/// <summary>
/// The accounting of disclosures: every successful read of a client's record by anyone other than the
/// client is recorded — never in the journey, which is the client's own history. A record is one row
/// inserted into the append-only <see cref="AccessRecords"/> table in the read's own unit of work, saved
/// before the answer is written, so a read that is served is a read that is logged; if logging fails, the
/// read fails. Inserting takes no lock another reader waits for (docs/design.md, "The access log").
/// Records written before that table existed are events in a stream per client (<see cref="StreamOf"/>):
/// they are read, never written.
/// </summary>
public static class AccessLog
{
    /// <summary>The legacy stream of a client's records (the events above).</summary>
    public static Guid StreamOf(Guid clientId) => DeterministicGuid.From("access-log", clientId.ToString());

    /// <summary>
    /// Records the read for each client (nothing for the client's own reads) and saves: the answer may
    /// be written only after this returns. One insert statement for all the clients of a caseload.
    /// </summary>
    public static async Task RecordNow(IDocumentSession session, Caller reader, IEnumerable<Guid> clientIds, string action,
        DateTimeOffset at, CancellationToken cancellation)
    {
        var others = clientIds.Distinct().Where(id => !(reader.IsClient && reader.Id == id)).ToArray();
        if (others.Length == 0) return;
        AccessRecords.Queue(session, others, reader, action, at);
        await session.SaveChangesAsync(cancellation);
    }

    /// <summary>The erasure's record, in the erasure's own unit of work (the caller saves).</summary>
    public static void RecordErasure(IDocumentSession session, Caller admin, Guid clientId, DateTimeOffset at) =>
        AccessRecords.Queue(session, [clientId], admin, ReadActions.Erasure, at);

    /// <summary>Whether the client was erased: its access log, which an admin may still read, says so (either format).</summary>
    public static async Task<bool> WasErased(IQuerySession session, Guid clientId, CancellationToken cancellation) =>
        (await session.AdvancedSql.QueryAsync<bool>(
            $"select exists (select 1 from {AccessRecords.Table} where tenant_id = ? and client_id = ? and action = ?) " +
            $"or exists (select 1 from {Events} where tenant_id = ? and stream_id = ? and type = ?)", cancellation,
            session.TenantId, clientId, ReadActions.Erasure,
            session.TenantId, StreamOf(clientId), typeof(ClientRecordErased).GetEventTypeName())).Single();

    /// <summary>
    /// The client's log, newest first: by <c>at</c>, then — for records of the same instant — the later insert
    /// first (the table's sequence; a legacy record's stream version), and records of the table before legacy ones.
    /// </summary>
    public static async Task<IReadOnlyList<AccessLogEntry>> Read(IQuerySession session, Guid clientId, CancellationToken cancellation)
    {
        var records = await AccessRecords.Of(session, clientId, cancellation);
        var stream = await session.Events.FetchStreamAsync(StreamOf(clientId), token: cancellation);
        var legacy = stream
            .Select(e => (Entry: e.Data switch
            {
                ClientRecordRead r => new AccessLogEntry(r.At, r.ActorId, r.ActorRole, r.Action),
                ClientRecordErased r => new AccessLogEntry(r.At, r.ActorId, r.ActorRole, ReadActions.Erasure),
                _ => null,
            }, e.Version))
            .Where(x => x.Entry is not null)
            .OrderByDescending(x => x.Entry!.At).ThenByDescending(x => x.Version)
            .Select(x => x.Entry!)
            .ToList();
        return legacy.Count == 0 ? records : Merge(records, legacy);
    }

    /// <summary>Two newest-first lists as one; at the same instant the table's record comes first (it is the newer format).</summary>
    private static List<AccessLogEntry> Merge(IReadOnlyList<AccessLogEntry> records, IReadOnlyList<AccessLogEntry> legacy)
    {
        var merged = new List<AccessLogEntry>(records.Count + legacy.Count);
        int r = 0, l = 0;
        while (r < records.Count || l < legacy.Count)
            merged.Add(l == legacy.Count || r < records.Count && records[r].At >= legacy[l].At ? records[r++] : legacy[l++]);
        return merged;
    }

    private const string Events = Hosting.PersistenceSetup.Schema + ".mt_events";
}

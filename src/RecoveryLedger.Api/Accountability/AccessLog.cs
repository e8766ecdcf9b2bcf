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

/// <summary>The client's access log begins (with its enrolment).</summary>
public sealed record AccessLogOpened(Guid ClientId, DateTimeOffset At);

/// <summary>Someone other than the client read part of its record. Appended to the client's access-log stream.</summary>
public sealed record ClientRecordRead(Guid ActorId, string ActorRole, string Action, DateTimeOffset At);

/// <summary>An admin erased the client: the access log's last record, which outlives the journey.</summary>
public sealed record ClientRecordErased(Guid ActorId, string ActorRole, DateTimeOffset At);

/// <summary>
/// The accounting of disclosures: every successful read of a client's record by anyone other than the
/// client is appended to an append-only stream per client — never to the journey, which is the client's
/// own history. The entry is saved in the read's own unit of work before the answer is written, so a
/// read that is served is a read that is logged; if logging fails, the read fails.
/// </summary>
public static class AccessLog
{
    public static Guid StreamOf(Guid clientId) => DeterministicGuid.From("access-log", clientId.ToString());

    /// <summary>
    /// Records the read for each client (nothing for the client's own reads) and saves: the answer may
    /// be written only after this returns. Each log stream is locked while appended to, so concurrent
    /// reads of one client queue for a moment instead of failing; locks are taken in id order so that
    /// two caseload reads over the same clients cannot deadlock.
    /// </summary>
    public static async Task RecordNow(IDocumentSession session, Caller reader, IEnumerable<Guid> clientIds, string action,
        DateTimeOffset at, CancellationToken cancellation)
    {
        var others = clientIds.Distinct().Where(id => !(reader.IsClient && reader.Id == id)).Order().ToList();
        if (others.Count == 0) return;
        foreach (var clientId in others)
            await session.Events.AppendExclusive(StreamOf(clientId), cancellation, new ClientRecordRead(reader.Id, reader.Role, action, at));
        await session.SaveChangesAsync(cancellation);
    }

    /// <summary>The erasure's record, in the erasure's own transaction (the caller saves).</summary>
    public static async Task RecordErasure(IDocumentSession session, Caller admin, Guid clientId, DateTimeOffset at, CancellationToken cancellation) =>
        await session.Events.AppendExclusive(StreamOf(clientId), cancellation, new ClientRecordErased(admin.Id, admin.Role, at));

    /// <summary>Whether the client was erased: its access log, which an admin may still read, says so.</summary>
    public static async Task<bool> WasErased(IQuerySession session, Guid clientId, CancellationToken cancellation) =>
        (await session.Events.FetchStreamAsync(StreamOf(clientId), token: cancellation)).Any(e => e.Data is ClientRecordErased);
}

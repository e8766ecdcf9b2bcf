using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Validation;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Raising;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Journeys.Appending;

/// <summary>
/// The append's answer. <see cref="SafetyFollowUp"/>: a new entry of the batch raised a safety condition (a
/// check-in's safety concern, a PHQ-9's item 9 ≥ 1), so the app shows crisis resources at once — the
/// clinician's inbox is not an emergency service. A resent entry (a duplicate) does not set it again.
/// </summary>
public sealed record AppendResult(int Accepted, int Duplicates, long Version, bool SafetyFollowUp);

/// <summary>Which entries of a batch are new: first write wins, also within the batch.</summary>
public static class Idempotency
{
    public static IReadOnlyList<IJourneyEntry> NewEntries(IReadOnlyList<IJourneyEntry> batch, IReadOnlySet<Guid> alreadyStored)
    {
        var seen = new HashSet<Guid>(alreadyStored);
        return batch.Where(entry => seen.Add(entry.EntryId)).ToList();
    }
}

/// <summary>The body of <c>POST /api/clients/{id}/entries</c>: a batch, stored whole or not at all.</summary>
public sealed record EntryBatch(IReadOnlyList<IJourneyEntry> Entries) : IStrictBody<EntryBatch>
{
    public static BodyShape Shape { get; } = new("A sync batch: 1 to 500 entries of the eight kinds.", [EntryParser.Contract.Entries], EntryExamples.Batch);

    public static (EntryBatch? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var (entries, errors) = EntryParser.Parse(body, request.Now, request.Caller.Recorder);
        return (errors.Any ? null : new EntryBatch(entries), errors);
    }

    /// <summary>A clinician records sessions, relationship milestones and measures only.</summary>
    public bool MayBeRecordedBy(Caller caller) =>
        !caller.IsClinician || Entries.All(entry => Vocabulary.Kinds.ClinicianMayRecord.Contains(EntryKinds.Of(entry)));
}

/// <summary>
/// <c>POST /api/clients/{id}/entries</c>: the offline sync of client apps (and clinicians' sessions
/// and relationship milestones). The journey's stream row is locked for the append, so concurrent
/// syncs of one journey queue up instead of failing, and a retry racing its original sees the
/// original's entries once it gets the lock: each entry is stored once. Events, timeline rows and a
/// safety alert (decided here rather than by the pipeline, <see cref="SafetyLane"/>) commit together.
/// The slice appends to the stream itself rather than returning events: which entries are new is
/// read under the lock, and the safety lane writes to alert streams in the same unit of work.
/// </summary>
public static class AppendEntriesEndpoint
{
    public static IResult Validate(IEventStream<Journey> stream, EntryBatch batch, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, stream.Aggregate, Purpose.AppendEntries, now) is var reach && reach is not WolverineContinue ? reach
        : batch.MayBeRecordedBy(caller) ? reach
        : Problems.Forbidden("A clinician may record only sessions, relationship milestones and measures.");

    [WolverinePost("/api/clients/{clientId}/entries", Name = "AppendEntries"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("Append a batch of entries (offline sync, idempotent by entry id)"), Tags("Entries"), JsonBody(typeof(EntryBatch))]
    [ProducesResponseType<AppendResult>(StatusCodes.Status200OK), EnableRateLimiting(LimitsSetup.AppendsPolicy)]
    public static async Task<IResult> Post(EntryBatch batch,
        [WriteAggregate("clientId", Required = false, LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive)] IEventStream<Journey> stream,
        IDocumentSession session, IMessageBus bus, IOptions<AlertOptions> alerts, DateTimeOffset now, CancellationToken cancellation)
    {
        var fresh = Idempotency.NewEntries(batch.Entries, await StoredIds(session, stream.Id, batch.Entries, cancellation));
        var versionBefore = stream.CurrentVersion ?? 0;
        var safetyFollowUp = false;
        if (fresh.Count > 0)
        {
            stream.AppendMany(fresh.Cast<object>().ToArray());
            safetyFollowUp = await SafetyLane.Decide(session, bus, alerts.Value, stream.Aggregate!, fresh, now, cancellation);
        }
        return TypedResults.Ok(new AppendResult(fresh.Count, batch.Entries.Count - fresh.Count, versionBefore + fresh.Count, safetyFollowUp));
    }

    /// <summary>
    /// The batch's ids already stored for the client (the timeline's primary key: tenant, client, item). SQL, not LINQ:
    /// every append asks it, and Marten parsed the LINQ expression each time (issue 16's profile).
    /// </summary>
    private static async Task<IReadOnlySet<Guid>> StoredIds(IQuerySession session, Guid clientId,
        IReadOnlyList<IJourneyEntry> batch, CancellationToken cancellation)
    {
        var ids = batch.Select(entry => entry.EntryId).Distinct().ToArray();
        var stored = await session.AdvancedSql.QueryAsync<Guid>(
            $"select d.item_id from {Timeline.TimelineTable.Table} as d where d.tenant_id = ? and d.client_id = ? and d.item_id = any(?)",
            cancellation, session.TenantId, clientId, ids);
        return stored.ToHashSet();
    }
}

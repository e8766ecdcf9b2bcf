using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys.Timeline;
using RecoveryLedger.Api.Validation;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Raising;
using Wolverine;
using Wolverine.Http;

namespace RecoveryLedger.Api.Journeys.Appending;

public sealed record AppendResult(int Accepted, int Duplicates, long Version);

/// <summary>Which entries of a batch are new: first write wins, also within the batch.</summary>
public static class Idempotency
{
    public static IReadOnlyList<IJourneyEntry> NewEntries(IReadOnlyList<IJourneyEntry> batch, IReadOnlySet<Guid> alreadyStored)
    {
        var seen = new HashSet<Guid>(alreadyStored);
        return batch.Where(entry => seen.Add(entry.EntryId)).ToList();
    }
}

/// <summary>
/// <c>POST /api/clients/{id}/entries</c>: the offline sync of client apps (and clinicians' sessions
/// and relationship milestones). The journey's stream row is locked for the append, so concurrent
/// syncs of one journey queue up instead of failing, and a retry racing its original sees the
/// original's entries once it gets the lock: each entry is stored once. The whole batch is one
/// SaveChanges: events and timeline rows go in one transaction and one batched round trip — and so does
/// a safety alert, decided here rather than by the pipeline (<see cref="SafetyLane"/>).
/// </summary>
public static class AppendEntriesEndpoint
{
    [WolverinePost("/api/clients/{clientId}/entries", Name = "AppendEntries"), Authorize(Roles = Allow.ClientOrClinician)]
    [EndpointSummary("Append a batch of entries (offline sync, idempotent by entry id)"), Tags("Entries"), JsonBody(typeof(EntriesBody))]
    [ProducesResponseType<AppendResult>(StatusCodes.Status200OK), EnableRateLimiting(LimitsSetup.AppendsPolicy)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Post(Guid clientId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        IMessageBus bus, IOptions<AlertOptions> alerts, TimeProvider clock)
    {
        var cancellation = request.HttpContext.RequestAborted;
        var (document, problem) = await JsonBody.ReadObject(request);
        if (problem is not null) return problem;
        using var _ = document;

        var caller = Caller.From(user);
        var now = clock.Now();
        var (batch, errors) = EntryParser.Parse(document!.RootElement, now, caller.Recorder);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var stream = await session.Events.FetchForExclusiveWriting<Journey>(clientId, cancellation);
        if (stream.Aggregate is null || !Reach.Allows(caller, stream.Aggregate, Purpose.AppendEntries)) return Problems.NotFound();
        if (caller.IsClinician && batch.Any(entry => !Vocabulary.Kinds.ClinicianMayRecord.Contains(EntryKinds.Of(entry))))
            return Problems.Forbidden("A clinician may record only sessions and relationship milestones.");

        var fresh = Idempotency.NewEntries(batch, await StoredIds(session, clientId, batch, cancellation));
        var versionBefore = stream.CurrentVersion ?? 0;
        if (fresh.Count > 0)
        {
            stream.AppendMany(fresh.Cast<object>().ToArray());
            await SafetyLane.Decide(session, bus, alerts.Value, stream.Aggregate, fresh, now, cancellation);
            await session.SaveChangesAsync(cancellation);
        }
        return TypedResults.Ok(new AppendResult(fresh.Count, batch.Count - fresh.Count, versionBefore + fresh.Count));
    }

    private static async Task<IReadOnlySet<Guid>> StoredIds(IQuerySession session, Guid clientId,
        IReadOnlyList<IJourneyEntry> batch, CancellationToken cancellation)
    {
        var ids = batch.Select(entry => entry.EntryId).Distinct().ToArray();
        var stored = await session.Query<TimelineItem>()
            .Where(item => item.ClientId == clientId && ids.Contains(item.ItemId))
            .Select(item => item.ItemId)
            .ToListAsync(cancellation);
        return stored.ToHashSet();
    }
}

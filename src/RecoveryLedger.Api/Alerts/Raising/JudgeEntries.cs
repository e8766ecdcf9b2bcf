using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using Npgsql;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Alerts;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>One client's share of a page of journey events, in the order they were stored.</summary>
public sealed record JudgeEntries(Guid ClientId, IReadOnlyList<IEvent> Events);

/// <summary>
/// Judges one client's share of a page at once: one round trip loads the journey, how far it was judged,
/// its active alerts and the rule history the page's entries need (their windows, merged); the pure
/// <see cref="JourneyPage"/> decides; the alert events, the judged facts, the new mark and any scheduled
/// checks and webhook notices then commit in one transaction (Wolverine's session and outbox). Events at
/// or below the mark were judged before (a page delivered again) and change nothing.
/// </summary>
public static class JudgeEntriesHandler
{
    /// <summary>A lost connection or a lock that could not be taken: judge the page again, from the start.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<NpgsqlException>().Or<MartenCommandException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));

    public static async Task Handle(JudgeEntries page, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var journeyLoad = batch.Load<Journey>(page.ClientId);
        var markLoad = batch.Load<JudgedThrough>(page.ClientId);
        var activeLoad = AlertBook.ActiveOf(batch, page.ClientId);
        var historyLoad = RuleHistory.Load(batch, session, page.ClientId, Arrivals(page.Events));
        await batch.Execute(cancellation);

        var judgedThrough = (await markLoad)?.Sequence ?? 0;
        var fresh = page.Events.Where(e => e.Sequence > judgedThrough).ToList();
        if (fresh.Count == 0 || await journeyLoad is not { } journey) return;
        var history = await historyLoad;
        if (await BatchTail(session, journey, fresh[^1], cancellation) is { Count: > 0 } tail)
        {
            fresh.AddRange(tail);
            history = [.. history, .. await RuleHistory.Load(session, page.ClientId, Arrivals(tail), cancellation)];
        }

        var now = clock.Now();
        var book = AlertBook.Of(session, bus, options.Value, page.ClientId, now, await activeLoad);
        var arrivals = Arrivals(fresh);
        foreach (var verdict in JourneyPage.Judge(journey.SobrietyStartedAt, RuleHistory.Distinct(history), arrivals, AlertRules.InPipeline))
            await book.Apply(verdict.Trigger, verdict.Entry.Id, cancellation);

        session.Insert(arrivals.Select(a => JudgedEntry.Of(page.ClientId, a)).ToArray());
        session.Store(new JudgedThrough { Id = page.ClientId, Sequence = fresh.Max(e => e.Sequence) });
        await ArmChecks(bus, session.TenantId, journey, fresh, options.Value, now);
    }

    /// <summary>
    /// The rest of a batch (an append) that the page boundary cut: the rules judge a batch's entries one by
    /// one in (occurredAt, id) order, which needs all of them at once. Read from the stream when the page's
    /// last event is an entry and the stream goes on; the next page finds them judged (below the mark).
    /// </summary>
    private static async Task<IReadOnlyList<IEvent>> BatchTail(IDocumentSession session, Journey journey, IEvent last, CancellationToken cancellation)
    {
        if (last.Data is not IJourneyEntry entry || journey.Version <= last.Version) return [];
        var following = await session.Events.FetchStreamAsync(journey.Id, Math.Min(journey.Version, last.Version + EntryParser.MaxBatch),
            fromVersion: last.Version + 1, token: cancellation);
        return following.TakeWhile(e => e.Data is IJourneyEntry next && next.RecordedAt == entry.RecordedAt).ToList();
    }

    private static List<Arrival> Arrivals(IEnumerable<IEvent> events) => events.Select(ArrivalOf).OfType<Arrival>().ToList();

    private static Arrival? ArrivalOf(IEvent e) =>
        e.Data is IJourneyEntry entry && EntryFacts.Of(entry) is { } fact ? new Arrival(fact, e.Sequence, entry.RecordedAt) : null;

    /// <summary>
    /// Re-arms the scheduled checks the page moved, once per page: disengagement when the page holds the
    /// latest client entry (or the enrolment), the next milestone when it holds the current streak's start.
    /// </summary>
    private static async Task ArmChecks(IMessageBus bus, string tenant, Journey journey, IReadOnlyList<IEvent> fresh, AlertOptions options,
        DateTimeOffset now)
    {
        var enrolled = fresh.Any(e => e.Data is ClientEnrolled);
        var entries = fresh.Select(e => e.Data).OfType<IJourneyEntry>().ToList();
        if (enrolled || entries.Any(entry => entry.EntryId == journey.LastClientEntryId))
            await CheckArming.ArmDisengagement(bus, tenant, journey, options);
        if (enrolled || entries.OfType<LapseRecorded>().Any(lapse => IsCurrentStreakStart(journey, lapse)))
            await CheckArming.ArmNextMilestone(bus, tenant, journey, afterDays: 0, now);
    }

    private static bool IsCurrentStreakStart(Journey journey, LapseRecorded lapse) =>
        lapse.Circle == Vocabulary.Circle.Inner && lapse.OccurredAt >= journey.SobrietyStartedAt
        && journey.Lapses.Where(l => l.Circle == Vocabulary.Circle.Inner).Max(l => l.OccurredAt) == lapse.OccurredAt;
}

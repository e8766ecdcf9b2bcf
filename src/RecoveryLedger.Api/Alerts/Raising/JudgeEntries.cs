using RecoveryLedger.Api.Journeys.Sobriety;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Marten.Services.BatchQuerying;
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

/// <summary>One clinic's share of a page of journey events, in the order they were stored.</summary>
public sealed record JudgeEntries(IReadOnlyList<IEvent> Events);

/// <summary>
/// Judges one clinic's share of a page at once, in one transaction (Wolverine's session and outbox): one
/// round trip loads, for every client in it, the journey, how far it was judged, its active alerts and the
/// rule history its entries need (their windows, merged); the pure <see cref="JourneyPage"/> decides each
/// client's entries, clients in parallel; the alert events, judged facts, marks, scheduled checks and
/// webhook notices then commit together. A client's events at or below its mark were judged before (a
/// page delivered again) and change nothing.
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
        var clients = page.Events.GroupBy(e => e.StreamId).Select(events => ClientShare.Queue(batch, session, events.ToList())).ToList();
        var ids = clients.Select(c => c.ClientId).ToArray();
        var journeysLoad = batch.LoadMany<Journey>().ById(ids);
        var marksLoad = batch.LoadMany<JudgedThrough>().ById(ids);
        var activeLoad = AlertBook.ActiveOf(batch, session, ids);
        await batch.Execute(cancellation);

        var journeys = (await journeysLoad).ToDictionary(j => j.Id);
        var marks = (await marksLoad).ToDictionary(m => m.Id, m => m.Sequence);
        var active = (await activeLoad).ToLookup(a => a.ClientId);
        var ready = new List<(ClientShare Share, Journey Journey, IReadOnlyList<Arrival> History)>();
        foreach (var client in clients)
            if (journeys.TryGetValue(client.ClientId, out var journey) && await client.Fresh(session, marks.GetValueOrDefault(client.ClientId), cancellation))
                ready.Add((client, journey, await client.History()));

        // Clients are independent: decide them in parallel (pure), then write in order.
        var decided = ready.AsParallel().AsOrdered()
            .Select(c => JourneyPage.Judge(c.Journey.SobrietyStartedAt, c.History, c.Share.Arrivals, AlertRules.InPipeline)).ToList();
        var repeated = ready.SelectMany((c, i) => active[c.Share.ClientId].Where(a => decided[i].Any(v => v.Trigger.Rule == a.Rule))).ToList();
        var locked = (await AlertBook.Lock(session, repeated, cancellation)).ToLookup(a => a.ClientId);
        var now = clock.Now();
        // Where the current streak starts, read at once for the clients whose share moved it (see ArmChecks).
        var starts = await SobrietyReads.Starts(session,
            ready.Where(c => MovesStreakStart(c.Journey, c.Share.Events)).Select(c => c.Share.ClientId).ToList(), now, cancellation);
        for (var i = 0; i < ready.Count; i++)
        {
            var (client, journey, _) = ready[i];
            var book = AlertBook.Of(session, bus, options.Value, client.ClientId, now, active[client.ClientId], locked[client.ClientId]);
            foreach (var verdict in decided[i]) await book.Apply(verdict.Trigger, verdict.Entry.Id, cancellation);
            await book.Complete();
            session.Insert(JudgedFacts.Of(client.ClientId, client.Arrivals).ToArray());
            session.Store(new JudgedThrough { Id = client.ClientId, Sequence = client.Events.Max(e => e.Sequence) });
            await ArmChecks(bus, session.TenantId, journey, starts.GetValueOrDefault(client.ClientId), client.Events, options.Value, now);
        }
    }

    /// <summary>
    /// Re-arms the scheduled checks a client's share moved, once per page: disengagement when it holds the
    /// latest client entry (or the enrolment), the next milestone when it holds the current streak's start.
    /// </summary>
    private static async Task ArmChecks(IMessageBus bus, string tenant, Journey journey, StreakStart? start,
        IReadOnlyList<IEvent> fresh, AlertOptions options, DateTimeOffset now)
    {
        var enrolled = fresh.Any(e => e.Data is ClientEnrolled);
        if (enrolled || fresh.Select(e => e.Data).OfType<IJourneyEntry>().Any(entry => entry.EntryId == journey.LastClientEntryId))
            await CheckArming.ArmDisengagement(bus, tenant, journey, options);
        // Read only when the share moved where the streak starts (MovesStreakStart); null when erased meanwhile.
        if (start is not null) await CheckArming.ArmNextMilestone(bus, tenant, start, afterDays: 0, now);
    }

    /// <summary>An enrolment, or an inner lapse that starts the current streak: the next milestone check moves.</summary>
    private static bool MovesStreakStart(Journey journey, IReadOnlyList<IEvent> fresh) =>
        fresh.Any(e => e.Data is ClientEnrolled || e.Data is LapseRecorded lapse && IsCurrentStreakStart(journey, lapse));

    private static bool IsCurrentStreakStart(Journey journey, LapseRecorded lapse) =>
        lapse.Circle == Vocabulary.Circle.Inner && lapse.OccurredAt >= journey.SobrietyStartedAt
        && journey.LatestInnerLapseAt == lapse.OccurredAt;

    /// <summary>One client's events of the page, and what was queued to read for them.</summary>
    private sealed class ClientShare
    {
        private IReadOnlyList<RuleHistory.Load> _history = [];
        private Task<IReadOnlyList<IEvent>> _next = null!;

        public Guid ClientId { get; private init; }
        public List<IEvent> Events { get; private set; } = [];
        public List<Arrival> Arrivals { get; private set; } = [];

        public static ClientShare Queue(IBatchedQuery batch, IQuerySession session, List<IEvent> events)
        {
            var last = events[^1];
            return new ClientShare
            {
                ClientId = last.StreamId, Events = events, Arrivals = ArrivalsOf(events),
                _history = RuleHistory.Queue(batch, session, last.StreamId, ArrivalsOf(events)),
                _next = batch.Events.FetchStream(last.StreamId, version: last.Version + 1, fromVersion: last.Version + 1),
            };
        }

        /// <summary>Keeps the events above the mark, completed with the rest of a batch the page cut; false when none is left.</summary>
        public async Task<bool> Fresh(IDocumentSession session, long judgedThrough, CancellationToken cancellation)
        {
            var last = Events[^1];
            Events = Events.Where(e => e.Sequence > judgedThrough).ToList();
            if (Events.Count == 0) return false;
            if (await BatchTail(session, last, await _next, cancellation) is { Count: > 0 } tail)
            {
                Events.AddRange(tail);
                _history = [.. _history, .. await RuleHistory.Read(session, ClientId, ArrivalsOf(tail), cancellation)];
            }
            Arrivals = ArrivalsOf(Events);
            return true;
        }

        public Task<IReadOnlyList<Arrival>> History() => RuleHistory.Facts(_history);

        /// <summary>
        /// The rest of a batch (an append) that the page boundary cut: the rules judge a batch's entries one by
        /// one in (occurredAt, id) order, which needs all of them at once. The first round trip read the event
        /// after the page's last one; only when it continues the batch is the rest read from the stream. The
        /// next page then finds those events judged (below the mark).
        /// </summary>
        private static async Task<IReadOnlyList<IEvent>> BatchTail(IDocumentSession session, IEvent last, IReadOnlyList<IEvent> next,
            CancellationToken cancellation)
        {
            if (last.Data is not IJourneyEntry entry || !SameBatch(entry, next)) return [];
            var following = await session.Events.FetchStreamAsync(last.StreamId, last.Version + EntryParser.MaxBatch,
                fromVersion: last.Version + 1, token: cancellation);
            return following.TakeWhile(e => SameBatch(entry, [e])).ToList();
        }

        private static bool SameBatch(IJourneyEntry entry, IReadOnlyList<IEvent> next) =>
            next is [{ Data: IJourneyEntry following }, ..] && following.RecordedAt == entry.RecordedAt;

        private static List<Arrival> ArrivalsOf(IEnumerable<IEvent> events) => events.Select(ArrivalOf).OfType<Arrival>().ToList();

        private static Arrival? ArrivalOf(IEvent e) =>
            e.Data is IJourneyEntry entry && EntryFacts.Of(entry) is { } fact ? new Arrival(fact, e.Sequence, entry.RecordedAt) : null;
    }
}

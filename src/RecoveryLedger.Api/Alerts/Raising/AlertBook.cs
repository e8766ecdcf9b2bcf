using System.Linq.Expressions;
using Marten;
using Marten.Services.BatchQuerying;
using RecoveryLedger.Api.Alerts.Delivering;
using RecoveryLedger.Domain.Alerts;
using Wolverine;

namespace RecoveryLedger.Api.Alerts.Raising;

/// <summary>
/// One client's active alerts within one unit of work (an append, a page of the pipeline, a timed
/// check): applies triggers in order — a new alert, or a repeat on the active one of the rule — writes
/// the alert events into the session and queues webhook notices through the session's outbox, so
/// everything commits together. The repeats of one alert in one unit of work are one event (a bulk sync
/// of strong urges must not write an alert event per urge): <see cref="Complete"/> writes them. An
/// active alert is locked before its first repeat, so a clinician's concurrent resolve is never lost:
/// after it, the repeat raises a new alert instead.
/// </summary>
public sealed class AlertBook
{
    private readonly IDocumentSession _session;
    private readonly IMessageBus _bus;
    private readonly AlertOptions _options;
    private readonly Guid _clientId;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, Alert> _active;
    private readonly HashSet<Guid> _owned = [];
    private readonly Dictionary<Guid, (Alert Before, List<Trigger> Repeats)> _repeats = [];

    private AlertBook(IDocumentSession session, IMessageBus bus, AlertOptions options, Guid clientId, DateTimeOffset now, IEnumerable<Alert> active)
    {
        (_session, _bus, _options, _clientId, _now) = (session, bus, options, clientId, now);
        _active = active.Where(a => a.IsActive).ToDictionary(a => a.Rule);
    }

    /// <summary>The clients' active alerts, in a batched query (SQL over the duplicated columns: no LINQ to parse per page).</summary>
    public static Task<IReadOnlyList<Alert>> ActiveOf(IBatchedQuery batch, IQuerySession session, Guid[] clientIds) =>
        batch.Query<Alert>("where tenant_id = ? and client_id = any(?) and status in (?, ?)", session.TenantId, clientIds, AlertStatus.Open, AlertStatus.Acknowledged);

    private static Expression<Func<Alert, bool>> IsActiveOf(Guid clientId) =>
        a => a.ClientId == clientId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged);

    /// <summary>
    /// A book over alerts read earlier (<paramref name="active"/>), some of them locked and read again since
    /// (<paramref name="locked"/>, from <see cref="Lock"/>): those need no lock of their own on a repeat.
    /// </summary>
    public static AlertBook Of(IDocumentSession session, IMessageBus bus, AlertOptions options, Guid clientId, DateTimeOffset now,
        IEnumerable<Alert> active, IEnumerable<Alert>? locked = null)
    {
        var fresh = (locked ?? []).ToDictionary(a => a.Id);
        var book = new AlertBook(session, bus, options, clientId, now,
            active.Where(a => !fresh.ContainsKey(a.Id) || fresh[a.Id].IsActive).Select(a => fresh.GetValueOrDefault(a.Id, a)));
        book._owned.UnionWith(fresh.Keys);
        return book;
    }

    /// <summary>
    /// Locks the streams of these alerts in one statement (in id order, so two units of work never wait on
    /// each other crosswise) and reads them again: a clinician may have acknowledged or resolved one since
    /// it was read. Begins the session's transaction; the locks hold until it commits.
    /// </summary>
    public static async Task<IReadOnlyList<Alert>> Lock(IDocumentSession session, IReadOnlyCollection<Alert> alerts, CancellationToken cancellation)
    {
        if (alerts.Count == 0) return [];
        var ids = alerts.Select(a => a.Id).Distinct().ToArray();
        await session.BeginTransactionAsync(cancellation);
        var streams = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams";
        await session.QueryAsync<Guid>($"select id from {streams} where tenant_id = ? and id = any(?) order by id for update",
            cancellation, session.TenantId, ids);
        return [.. await session.LoadManyAsync<Alert>(cancellation, ids)];
    }

    public static async Task<AlertBook> Open(IDocumentSession session, IMessageBus bus, AlertOptions options, Guid clientId, DateTimeOffset now,
        CancellationToken cancellation) =>
        new(session, bus, options, clientId, now, await session.Query<Alert>().Where(IsActiveOf(clientId)).ToListAsync(cancellation));

    /// <summary>Applies a trigger caused by <paramref name="causedBy"/> (an entry, or a named time-based cause).</summary>
    public async Task Apply(Trigger trigger, Guid causedBy, CancellationToken cancellation)
    {
        if (await LockedActive(trigger.Rule, cancellation) is { } active)
        {
            // Collected, not applied one by one: the evidence of a long-active alert is large, and
            // Complete folds all of this unit's repeats into it once.
            if (!_repeats.TryGetValue(active.Id, out var pending)) _repeats[active.Id] = pending = (active, []);
            pending.Repeats.Add(trigger);
            return;
        }
        // The id follows from what caused the alert, so two racing raises for one cause collide.
        var raised = AlertLifecycle.Raise(AlertIdFor(_clientId, trigger.Rule, causedBy), _clientId, trigger, _now);
        _session.Events.StartStream<Alert>(raised.AlertId, raised);
        var alert = Alert.Create(raised);
        _active[trigger.Rule] = alert;
        _owned.Add(alert.Id);
        await Notify(alert);
    }

    /// <summary>Writes the repeats of this unit of work, one event per alert, and a notice where the severity rose.</summary>
    public async Task Complete()
    {
        foreach (var (alertId, (before, repeats)) in _repeats)
        {
            var retriggered = AlertLifecycle.Retrigger(before, repeats, _now);
            _session.Events.Append(alertId, retriggered);
            if (Severities.Parse(retriggered.Severity) == before.Level) continue;
            var after = before.Copy();
            after.Apply(retriggered);
            await Notify(after);
        }
        _repeats.Clear();
    }

    /// <summary>The active alert of the rule, locked for this unit of work (null when there is none, or it was resolved meanwhile).</summary>
    private async Task<Alert?> LockedActive(string rule, CancellationToken cancellation)
    {
        if (!_active.TryGetValue(rule, out var active)) return null;
        if (_owned.Contains(active.Id)) return active;
        var stream = await _session.Events.FetchForExclusiveWriting<Alert>(active.Id, cancellation);
        _owned.Add(active.Id);
        // A copy: the fetched aggregate is Marten's, and the session applies the appended events itself.
        if (stream.Aggregate is { IsActive: true } current) return _active[rule] = current.Copy();
        _active.Remove(rule);
        return null;
    }

    private async Task Notify(Alert alert)
    {
        if (_options.WebhookUrl is null) return;
        await _bus.PublishAsync(new AlertNotice(alert.Id, _session.TenantId, _clientId, alert.Rule, alert.Severity, AlertStatus.Open, alert.RaisedAt));
    }

    /// <summary>
    /// For work that may run twice for one cause (a redelivered timed check): applied before when the
    /// alert it would raise exists, or the cause is evidence of an alert of the rule.
    /// </summary>
    public static async Task<bool> AlreadyApplied(IQuerySession session, Guid clientId, string rule, Guid causedBy, CancellationToken cancellation) =>
        await session.LoadAsync<Alert>(AlertIdFor(clientId, rule, causedBy), cancellation) is not null
        || await session.Query<Alert>().AnyAsync(a => a.ClientId == clientId && a.Rule == rule && a.Evidence.Contains(causedBy), cancellation);

    /// <summary>An alert id derived from (client, rule, cause).</summary>
    public static Guid AlertIdFor(Guid clientId, string rule, Guid causedBy) =>
        Journeys.DeterministicGuid.From("alert", clientId.ToString(), rule, causedBy.ToString());
}

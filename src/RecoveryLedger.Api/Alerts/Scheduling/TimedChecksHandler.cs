using RecoveryLedger.Api.Journeys.Sobriety;
using Marten;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Alerts.Raising;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Alerts;
using JasperFx.Events;
using Wolverine;
using Wolverine.Marten;

namespace RecoveryLedger.Api.Alerts.Scheduling;

/// <summary>
/// Durable scheduled checks (they survive a restart: Wolverine keeps them in PostgreSQL). Each asks
/// whether its rule is due now; one superseded by newer activity finds nothing to do. Wolverine opens
/// the session for the clinic on the envelope and commits it, with the outbox, after the handler.
/// </summary>
public static class TimedChecksHandler
{
    /// <summary>
    /// Not the aggregate workflow, on purpose: the journey is only read (nothing is appended to it), and the
    /// alert it may raise goes through <see cref="AlertBook"/>, which locks the alert streams in its own order.
    /// </summary>
    public static async Task Handle(CheckDisengagement check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        RequireClinic(session, check.Tenant);
        var journey = await session.LoadAsync<Journey>(check.ClientId, cancellation);
        if (journey is null) return;
        var dueAt = TimedRules.DisengagementDueAt(journey.EnrolledAt, journey.LastClientEntryAt, options.Value.DisengagementAfter);
        if (dueAt != check.DueAt) return; // superseded: a newer client entry scheduled its own check
        var now = clock.Now();
        if (now < dueAt)
        {
            await CheckArming.Schedule(bus, check.Tenant, check, dueAt);
            return;
        }

        // The quiet period is named by the entry it follows (or the enrolment): one alert per period.
        var cause = journey.LastClientEntryId ?? journey.Id;
        if (await AlertBook.AlreadyApplied(session, journey.Id, AlertRules.Disengagement, cause, cancellation)) return;
        var trigger = new Trigger(AlertRules.Disengagement, AlertRules.V1, Severity.Medium,
            journey.LastClientEntryId is { } id ? [id] : []);
        var book = await AlertBook.Open(session, bus, options.Value, journey.Id, now, cancellation);
        await book.Apply(trigger, cause, cancellation);
        await book.Complete();
    }

    /// <summary>Locked like an append (Wolverine loads the journey exclusively), so the milestone lands in order with the client's own entries.</summary>
    public static async Task Handle(CheckMilestone check,
        [WriteAggregate(nameof(CheckMilestone.ClientId), Required = false, LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive)] IEventStream<Journey> stream,
        IDocumentSession session, IMessageBus bus, TimeProvider clock, IOptions<AlertOptions> options, CancellationToken cancellation)
    {
        RequireClinic(session, check.Tenant);
        if (stream.Aggregate is not { } journey) return;
        // Read after the journey's lock: no lapse or milestone can be appended meanwhile.
        var now = clock.Now();
        if (await SobrietyReads.Start(session, journey.Id, now, cancellation) is not { } start) return;
        switch (MilestoneCheck.Decide(start, check, now))
        {
            case MilestoneCheck.NotYet(var dueAt):
                await CheckArming.Schedule(bus, check.Tenant, check, dueAt);
                return;
            case MilestoneCheck.Reached(var reached, var cause):
                stream.AppendOne(reached);
                var book = await AlertBook.Open(session, bus, options.Value, journey.Id, now, cancellation);
                await book.Apply(new Trigger(AlertRules.Milestone, AlertRules.V1, Severity.Info, []), cause, cancellation);
                await book.Complete();
                await CheckArming.ArmNextMilestone(bus, check.Tenant, start, check.Days, now);
                return;
        }
    }

    /// <summary>Background work runs for the clinic the check names, never a default one.</summary>
    private static void RequireClinic(IDocumentSession session, string tenant)
    {
        if (session.TenantId != Tenants.Require(tenant))
            throw new InvalidOperationException("A timed check arrived without its clinic on the envelope.");
    }
}

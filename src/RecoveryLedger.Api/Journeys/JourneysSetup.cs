using JasperFx.Events.Projections;
using Marten;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Journeys;

public static class JourneysSetup
{
    /// <summary>Marten registrations of the journey module (docs/operations.md says which are inline and why).</summary>
    public static StoreOptions ConfigureJourneys(this StoreOptions opts)
    {
        // Inline: access checks, If-Match and idempotency read these right after a write.
        opts.Projections.Snapshot<Journey>(SnapshotLifecycle.Inline);
        opts.Projections.Add<TimelineProjection>(ProjectionLifecycle.Inline);

        // Real columns for the keyset query. The occurred_at index is the timeline's: one index scan in
        // the page's order. The item_id index serves the idempotency lookup of a sync batch.
        opts.Schema.For<TimelineItem>()
            .Duplicate(x => x.ClientId, notNull: true)
            .Duplicate(x => x.ItemId, notNull: true, configure: index => index.Columns = ["tenant_id", "client_id", "item_id"])
            .Duplicate(x => x.Kind, notNull: true)
            .Duplicate(x => x.RecordedAt, notNull: true)
            .Duplicate(x => x.OccurredAt, notNull: true, configure: index =>
            {
                index.Name = "mt_doc_timelineitem_idx_page";
                index.Columns = ["tenant_id", "client_id", "occurred_at DESC", "recorded_at DESC", "item_id DESC"];
            });
        return opts;
    }
}

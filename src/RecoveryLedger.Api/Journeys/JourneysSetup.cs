using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
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

        // Real columns for the keyset query. Marten gives each duplicated column an index of its own and
        // ignores columns set on those, so the two composite indexes the queries use are added as such:
        // the timeline page (one backward-free range scan in page order) and the sync's idempotency lookup.
        opts.Schema.For<TimelineItem>()
            .Duplicate(x => x.ClientId, notNull: true)
            .Duplicate(x => x.ItemId, notNull: true)
            .Duplicate(x => x.Kind, notNull: true)
            .Duplicate(x => x.RecordedAt, notNull: true)
            .Duplicate(x => x.OccurredAt, notNull: true);
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(TimelineItem)) return;
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "occurred_at DESC", "recorded_at DESC", "item_id DESC")
                { Name = "mt_doc_timelineitem_idx_page" });
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "item_id") { Name = "mt_doc_timelineitem_idx_entry" });
        });
        return opts;
    }
}

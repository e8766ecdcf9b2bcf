using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Journeys;

public static class JourneysSetup
{
    /// <summary>Marten registrations of the journey module (docs/operations.md says which are inline and why).</summary>
    public static StoreOptions ConfigureJourneys(this StoreOptions opts)
    {
        // Inline: access checks, If-Match and idempotency read these right after a write.
        // The page size only matters to a rebuild, which reads the whole log through these projections:
        // larger pages pay the daemon's per-page work (query, slicing, progress, commit) less often.
        opts.Projections.Snapshot<Journey>(SnapshotLifecycle.Inline, o => o.BatchSize = RebuildPageSize);
        // The streak's input, apart from the journey that every append rewrites: the bounded frame (written at
        // enrolment and milestones only; Marten skips a stream whose events it does not apply) and a row per lapse.
        opts.Projections.Snapshot<SobrietyHistory>(SnapshotLifecycle.Inline, o => o.BatchSize = RebuildPageSize);
        opts.ConfigureLapseMarks(RebuildPageSize);
        opts.Projections.Add<TimelineProjection>(ProjectionLifecycle.Inline, o => o.BatchSize = RebuildPageSize);
        // Inline too: a goal step decides on it under the journey's lock, and answers with it.
        opts.Projections.Snapshot<Goals.ClientGoals>(SnapshotLifecycle.Inline, o => o.BatchSize = RebuildPageSize);
        Erasing.PersonalContent.Register(opts);

        // Real columns for the keyset query, and exactly the two indexes the queries use: the timeline page
        // (one backward-free range scan in page order) and the sync's idempotency lookup. Schema.For's
        // Duplicate would give every column an index of its own as well; each index is paid on every
        // appended entry and every rebuilt row (docs/performance.md: 8 indexes cost 2.4x the insert time of 3).
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(TimelineItem)) return;
            foreach (var member in new[] { nameof(TimelineItem.ClientId), nameof(TimelineItem.ItemId), nameof(TimelineItem.Kind),
                         nameof(TimelineItem.RecordedAt), nameof(TimelineItem.OccurredAt) })
                mapping.DuplicateField(member, notNull: true);
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "occurred_at DESC", "recorded_at DESC", "item_id DESC")
                { Name = "mt_doc_timelineitem_idx_page" });
            mapping.Indexes.Add(new DocumentIndex(mapping, "tenant_id", "client_id", "item_id") { Name = "mt_doc_timelineitem_idx_entry" });
        });
        return opts;
    }
    /// <summary>Events per page when a rebuild replays the log (measured: 500 → 4000 saves a tenth; more, nothing).</summary>
    public const int RebuildPageSize = 4000;
}

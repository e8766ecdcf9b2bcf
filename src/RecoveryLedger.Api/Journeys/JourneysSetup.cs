using JasperFx.Events.Projections;
using Marten;
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
        opts.ConfigureTimeline(RebuildPageSize);
        // Inline too: a goal step decides on it under the journey's lock, and answers with it.
        opts.Projections.Snapshot<Goals.ClientGoals>(SnapshotLifecycle.Inline, o => o.BatchSize = RebuildPageSize);
        Erasing.PersonalContent.Register(opts);

        return opts;
    }
    /// <summary>Events per page when a rebuild replays the log (measured: 500 → 4000 saves a tenth; more, nothing).</summary>
    public const int RebuildPageSize = 4000;
}

using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace RecoveryLedger.Api.Journeys.Sobriety;

/// <summary>Inline, so a streak read right after the sync sees the lapse; a rebuild empties the table first.</summary>
public sealed partial class LapseMarksProjection : EventProjection
{
    public LapseMarksProjection()
    {
        Name = "LapseMarks";
        Options.DeleteDataInTableOnTeardown(LapseMarks.Table);
    }

    public void Project(IEvent<LapseRecorded> e, IDocumentOperations ops) => ops.QueueSqlCommand(
        $"insert into {LapseMarks.Table} (tenant_id, client_id, is_inner, occurred_ticks, recorded_ticks, event_id) values (?, ?, ?, ?, ?, ?)",
        e.TenantId, e.StreamId, e.Data.Circle == Vocabulary.Circle.Inner, e.Data.OccurredAt.UtcTicks, e.Data.RecordedAt.UtcTicks, e.Id);

    public void Project(IEvent<ClientErased> e, IDocumentOperations ops) =>
        ops.QueueSqlCommand($"delete from {LapseMarks.Table} where tenant_id = ? and client_id = ?", e.TenantId, e.StreamId);
}

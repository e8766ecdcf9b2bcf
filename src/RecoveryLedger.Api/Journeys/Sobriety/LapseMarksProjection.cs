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

    public void Project(IEvent<LapseRecorded> e, IDocumentOperations ops)
    {
        var mark = LapseMark.Of(e, e.Data);
        ops.QueueSqlCommand($"insert into {LapseMarks.Table} ({LapseMark.Columns}) values (?, ?, ?, ?, ?, ?)",
            mark.TenantId, mark.ClientId, mark.IsInner, mark.OccurredTicks, mark.RecordedTicks, mark.EventId);
    }

    public void Project(IEvent<ClientErased> e, IDocumentOperations ops) =>
        ops.QueueSqlCommand($"delete from {LapseMarks.Table} where tenant_id = ? and client_id = ?", e.TenantId, e.StreamId);
}

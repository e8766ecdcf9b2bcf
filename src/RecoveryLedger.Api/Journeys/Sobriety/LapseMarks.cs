using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using RecoveryLedger.Api.Hosting;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RecoveryLedger.Api.Journeys.Sobriety;

/// <summary>
/// The streak's lapses as narrow rows: one per <see cref="LapseRecorded"/>, written inline with the append and
/// never updated. Instants are kept as UTC ticks (<c>bigint</c>): <c>timestamptz</c> would round them to the
/// microsecond, and a lapse a tick after the sobriety start must still restart the streak. The primary key
/// <c>(tenant_id, client_id, is_inner, occurred_ticks, recorded_ticks, event_id)</c> holds every column, so
/// both reads (<see cref="SobrietyReads"/>) are index-only: a client's lapses, and its latest inner lapse.
/// Nothing here is personal; the rows go with the client at erasure all the same (the journey does).
/// </summary>
public static class LapseMarks
{
    public const string Name = "lapse_mark";
    public const string Table = PersistenceSetup.Schema + "." + Name;

    public static StoreOptions ConfigureLapseMarks(this StoreOptions opts, int rebuildPageSize)
    {
        opts.Storage.ExtendedSchemaObjects.Add(Definition());
        opts.Projections.Add(new LapseMarksProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline, o => o.BatchSize = rebuildPageSize);
        return opts;
    }

    private static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PersistenceSetup.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "varchar").NotNull().AsPrimaryKey();
        table.AddColumn("client_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("is_inner", "boolean").NotNull().AsPrimaryKey();
        table.AddColumn("occurred_ticks", "bigint").NotNull().AsPrimaryKey();
        table.AddColumn("recorded_ticks", "bigint").NotNull().AsPrimaryKey();
        table.AddColumn("event_id", "uuid").NotNull().AsPrimaryKey();
        table.PrimaryKeyName = "pk_lapse_mark";
        return table;
    }
}

/// <summary>One row of <see cref="LapseMarks"/>, as the projection inserts it and the one-pass rebuild copies it.</summary>
public sealed record LapseMark(string TenantId, Guid ClientId, bool IsInner, long OccurredTicks, long RecordedTicks, Guid EventId)
{
    public const string Columns = "tenant_id, client_id, is_inner, occurred_ticks, recorded_ticks, event_id";

    public static LapseMark Of(IEvent e, LapseRecorded lapse) =>
        new(e.TenantId, e.StreamId, lapse.Circle == Vocabulary.Circle.Inner, lapse.OccurredAt.UtcTicks, lapse.RecordedAt.UtcTicks, e.Id);

    /// <summary>Writes the rows with one binary COPY.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<LapseMark> marks, CancellationToken cancellation)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {LapseMarks.Table} ({Columns}) from stdin (format binary)", cancellation);
        foreach (var mark in marks)
        {
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(mark.TenantId, NpgsqlDbType.Varchar, cancellation);
            await copy.WriteAsync(mark.ClientId, NpgsqlDbType.Uuid, cancellation);
            await copy.WriteAsync(mark.IsInner, NpgsqlDbType.Boolean, cancellation);
            await copy.WriteAsync(mark.OccurredTicks, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(mark.RecordedTicks, NpgsqlDbType.Bigint, cancellation);
            await copy.WriteAsync(mark.EventId, NpgsqlDbType.Uuid, cancellation);
        }
        await copy.CompleteAsync(cancellation);
    }
}

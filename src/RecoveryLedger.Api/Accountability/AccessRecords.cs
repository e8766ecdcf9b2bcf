using Marten;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RecoveryLedger.Api.Accountability;

/// <summary>
/// The access log's table: one row per record, inserted and never updated or deleted. Narrow typed columns
/// (no JSON: nothing personal, nothing to mask), a database sequence that orders records of the same instant,
/// and one index — the primary key <c>(tenant_id, client_id, at, seq)</c>, which is exactly the log's read
/// (a backward range scan gives newest first). Inserting takes no lock any other transaction waits for:
/// concurrent readers of one client each add their own row. Marten creates and migrates it with the rest of
/// the schema (an extended schema object, in every clinic database); raw SQL adds <c>tenant_id = ?</c> itself.
/// </summary>
public static class AccessRecords
{
    public const string Name = "access_record";
    public const string Table = PersistenceSetup.Schema + "." + Name;

    public static StoreOptions ConfigureAccountability(this StoreOptions opts)
    {
        opts.Storage.ExtendedSchemaObjects.Add(Definition());
        // The legacy stream's events: registered so that old streams read even when this process never wrote one.
        opts.Events.AddEventTypes([typeof(AccessLogOpened), typeof(ClientRecordRead), typeof(ClientRecordErased)]);
        return opts;
    }

    private static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PersistenceSetup.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "varchar").NotNull().AsPrimaryKey();
        table.AddColumn("client_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("at", "timestamptz").NotNull().AsPrimaryKey();
        table.AddColumn("seq", "bigint").BigAutoIncrement().NotNull().AsPrimaryKey();
        table.AddColumn("actor_id", "uuid").NotNull();
        table.AddColumn("actor_role", "varchar").NotNull();
        table.AddColumn("action", "varchar").NotNull();
        table.PrimaryKeyName = "pk_access_record";
        return table;
    }

    /// <summary>Queues one insert of a record per client into the session's unit of work (saved with it).</summary>
    public static void Queue(IDocumentSession session, Guid[] clientIds, Caller actor, string action, DateTimeOffset at) =>
        session.QueueSqlCommand(
            $"insert into {Table} (tenant_id, client_id, at, actor_id, actor_role, action) select ?, c, ?, ?, ?, ? from unnest(?) as c",
            session.TenantId, at, actor.Id, actor.Role, action, clientIds);

    /// <summary>The client's records, newest first (at, then the later insert).</summary>
    public static Task<IReadOnlyList<AccessLogEntry>> Of(IQuerySession session, Guid clientId, CancellationToken cancellation) =>
        session.AdvancedSql.QueryAsync<AccessLogEntry>(
            "select jsonb_build_object('At', at, 'ActorId', actor_id, 'ActorRole', actor_role, 'Action', action) as data " +
            $"from {Table} where tenant_id = ? and client_id = ? order by at desc, seq desc", cancellation, session.TenantId, clientId);
}

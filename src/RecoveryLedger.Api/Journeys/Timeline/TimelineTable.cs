using Marten;
using RecoveryLedger.Api.Hosting;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RecoveryLedger.Api.Journeys.Timeline;

/// <summary>
/// The timeline read model: one row per entry or system event, with the columns the keyset query needs (client,
/// occurredAt, recordedAt, item id, kind) and the item as the API answers it, JSON text that a read copies into the
/// response untouched. A plain table rather than a Marten document (docs/design.md, "The timeline's table"): no
/// document wrapper repeating the columns, no per-write metadata, <c>json</c> (kept as written) rather than
/// <c>jsonb</c> (parsed on every write, rebuilt into text on every read) — the store never looks inside an item
/// beyond a few fields of the rows a supporter's or a trend's read has already narrowed down.
/// The primary key <c>(client_id, item_id, tenant_id)</c> is the sync's idempotency lookup, and it rejects a
/// duplicate entry that slipped past it: the last line of defence of idempotency.
/// </summary>
public static class TimelineTable
{
    public const string Name = "timeline_item";
    public const string Table = PersistenceSetup.Schema + "." + Name;
    public const string Columns = "tenant_id, client_id, item_id, kind, occurred_at, recorded_at, item";

    public static StoreOptions ConfigureTimeline(this StoreOptions opts, int rebuildPageSize)
    {
        opts.Storage.ExtendedSchemaObjects.Add(Definition());
        opts.Projections.Add<TimelineProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline, o => o.BatchSize = rebuildPageSize);
        return opts;
    }

    /// <summary>
    /// Exactly the two indexes the queries use: each is paid on every appended entry and every rebuilt row. The client
    /// leads both and the clinic comes last: a client id is a random uuid, so the clinic never narrows a lookup, and a
    /// varchar in front makes PostgreSQL walk it to reach every later column of an index entry — building the two
    /// indexes of 1.1 M rows took 3.1–3.2 s with the clinic first, 1.8–1.9 s with it last (docs/performance.md).
    /// </summary>
    private static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PersistenceSetup.Schema, Name, SchemaUtils.IdentifierUsage.General));
        // The primary key's columns in this order (Weasel takes them in column order); fixed-width columns first.
        table.AddColumn("client_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("item_id", "uuid").NotNull().AsPrimaryKey();
        table.AddColumn("occurred_at", "timestamptz").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("tenant_id", "varchar").NotNull().AsPrimaryKey();
        table.AddColumn("kind", "varchar").NotNull();
        table.AddColumn("item", "json").NotNull();
        table.PrimaryKeyName = "pk_timeline_item";
        // The page: one range scan in keyset order, no sort; the clinic is checked inside the index.
        table.Indexes.Add(new IndexDefinition("timeline_item_page")
        {
            Columns = ["client_id", "occurred_at DESC", "recorded_at DESC", "item_id DESC", "tenant_id"],
        });
        return table;
    }
}

using Marten;
using RecoveryLedger.Tests.Support;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// Every index on the timeline is paid on each appended entry and each rebuilt row, so the table has exactly
/// the ones its queries use: the primary key (the idempotency lookup and the items by id) and the page (keyset order).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class the_timeline_table(AppFixture app)
{
    [Fact]
    public async Task has_only_the_indexes_its_queries_use()
    {
        var databases = await app.Store.Storage.AllDatabases();
        var definitions = await EveryDatabase.Query<string>(app.Store,
            "select indexdef from pg_indexes where schemaname = 'recoveryledger' and tablename = 'timeline_item'");

        definitions.Select(Columns).OrderBy(x => x).ShouldBe(new[]
        {
            "client_id, item_id, tenant_id",
            "client_id, occurred_at DESC, recorded_at DESC, item_id DESC, tenant_id",
        }.SelectMany(index => Enumerable.Repeat(index, databases.Count)));
    }

    /// <summary>
    /// The primary key is the last line of defence of idempotency: an entry that got past the sync's lookup (a race the
    /// journey's lock rules out today) aborts the whole transaction, and the caller gets a 409, never a 500.
    /// </summary>
    [Fact]
    public async Task rejects_an_entry_stored_twice_as_a_race()
    {
        var client = Guid.NewGuid();
        var item = Guid.NewGuid();
        // A clinic of its own; when the clinics are spread over databases (CI's second pass), one of theirs.
        await using var session = app.Store.LightweightSession(ClinicsApart.NextClinic() ?? "clinic-" + Guid.NewGuid().ToString("N")[..12]);
        for (var i = 0; i < 2; i++)
            session.QueueSqlCommand($"insert into {Api.Journeys.Timeline.TimelineTable.Table} ({Api.Journeys.Timeline.TimelineTable.Columns}) " +
                "values (?, ?, ?, 'check-in', now(), now(), '{}'::json)", session.TenantId, client, item);

        var failure = await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());
        Api.Hosting.ExceptionProblems.Classify(failure).Status.ShouldBe(409);
        (await EveryDatabase.Query<long>(app.Store, $"select count(*) from recoveryledger.timeline_item where client_id = '{client}'"))
            .Sum().ShouldBe(0);
    }

    private static string Columns(string indexDefinition) =>
        indexDefinition[(indexDefinition.LastIndexOf('(') + 1)..indexDefinition.LastIndexOf(')')];
}

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
            "tenant_id, client_id, item_id",
            "tenant_id, client_id, occurred_at DESC, recorded_at DESC, item_id DESC",
        }.SelectMany(index => Enumerable.Repeat(index, databases.Count)));
    }

    private static string Columns(string indexDefinition) =>
        indexDefinition[(indexDefinition.LastIndexOf('(') + 1)..indexDefinition.LastIndexOf(')')];
}

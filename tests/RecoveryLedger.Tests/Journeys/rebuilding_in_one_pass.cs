using Marten;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Rebuilding;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// <c>rebuild</c>: every read model rebuilt from one pass over the log holds, row for row and revision for revision,
/// what the inline projections, the alert snapshots and the analytics projection wrote as the events came — erasure
/// included — and the API answers the same. A database of its own: the rebuild empties every read model table.
/// All entries are recent, so no scheduled check comes due and appends while the rebuild runs (it runs, as in
/// production, on a service that is not writing). Both layouts: two clinics in one database, and each clinic in a
/// database of its own (each rebuilt in its own transaction).
/// </summary>
public sealed class rebuilding_in_one_pass : IAsyncLifetime
{
    private static readonly RecoveryLedger.Api.Identity.AuthOptions Auth = new() { SigningKey = AppFixture.SigningKey };
    private static readonly string[] Tables =
        ["mt_doc_journey", "mt_doc_sobrietyhistory", "mt_doc_clientgoals", "mt_doc_alert", "mt_doc_clientanalytics"];

    private string _database = "";
    private Alba.IAlbaHost? _host;
    private ApiDriver _api = null!;

    private readonly string[] _clinics = ["onepass-a", "onepass-b"];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    /// <summary>The service on a database of its own; with <paramref name="apart"/>, each clinic in a further database.</summary>
    private async Task Start(bool apart)
    {
        _database = await TestHosts.NewDatabase("onepass");
        var settings = new Dictionary<string, string?>();
        if (apart)
            foreach (var clinic in _clinics)
            {
                settings[$"Clinics:Databases:{clinic}:ConnectionString"] = await TestHosts.NewDatabase("onepass_clinic");
                settings[$"Clinics:Databases:{clinic}:Clinics:0"] = clinic;
            }
        _host = await TestHosts.Start(_database, settings: settings);
        _api = new ApiDriver(_host, Auth);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task gives_every_read_model_row_for_row(bool clinicsApart)
    {
        await Start(clinicsApart);
        var (clients, erased) = await Journeys();
        var before = await ReadModels();
        foreach (var table in Tables) before[table].ShouldNotBeEmpty(table);
        before["lapse_mark"].ShouldNotBeEmpty();
        before["timeline_item"].ShouldNotBeEmpty();
        before["mt_doc_alert"].ShouldContain(row => row.Contains("\"urge-escalation\""));
        var answers = await Task.WhenAll(clients[..^1].Select(Answers));
        // The timeline's former document table, as a database made before it moved holds it (with note text).
        await EveryDatabase.Query<int>(Store, "create table recoveryledger.mt_doc_timelineitem (id uuid, data jsonb); select 1");

        var rebuild = new ReadModelRebuild((DocumentStore)Store, _host!.Services.GetRequiredService<Pseudonyms>());
        var done = await rebuild.RunAsync(CancellationToken.None);
        (await EveryDatabase.Query<string>(Store, "select coalesce(to_regclass('recoveryledger.mt_doc_timelineitem')::text, 'dropped')"))
            .ShouldAllBe(table => table == "dropped");
        done.Count.ShouldBe(clinicsApart ? 2 : 1);
        done.Sum(d => d.Events).ShouldBe((await EveryDatabase.Query<long>(Store, "select count(*) from recoveryledger.mt_events where not is_archived")).Sum());
        Same(await ReadModels(), before);
        var again = await Task.WhenAll(clients[..^1].Select(Answers));
        for (var i = 0; i < answers.Length; i++)
            again[i].Split('\n').ShouldBe(answers[i].Split('\n'), $"client {i}: the API's answers after the rebuild");
        before["timeline_item"].ShouldNotContain(row => row.Contains(erased.Id.ToString()));

        // Again, over the rows it wrote itself.
        await rebuild.RunAsync(CancellationToken.None);
        Same(await ReadModels(), before);
    }

    /// <summary>Table by table, naming the rows that differ rather than printing every table.</summary>
    private static void Same(Dictionary<string, IReadOnlyList<string>> after, Dictionary<string, IReadOnlyList<string>> before)
    {
        foreach (var (table, rows) in before)
        {
            after[table].Except(rows).ShouldBeEmpty($"{table}: rows the rebuild wrote that were not there, instead of {string.Join("\n", rows.Except(after[table]))}");
            rows.Except(after[table]).ShouldBeEmpty($"{table}: rows the rebuild did not write");
            after[table].Count.ShouldBe(rows.Count, table);
        }
    }

    /// <summary>Four clients with plans, care teams, entries that raise alerts, sessions and goals; the last one erased.</summary>
    private async Task<(List<Client> Clients, Client Erased)> Journeys()
    {
        var now = DateTimeOffset.UtcNow;
        var clients = new List<Client>();
        foreach (var (zone, i) in new[] { "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Europe/London" }.Select((z, i) => (z, i)))
        {
            var client = await _api.EnrolledClient(_clinics[i % 2], timeZone: zone, sobrietyStartedAt: now.AddHours(-12));
            await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self,
                new { inner = new[] { "x" }, middle = new[] { "y" }, outer = new[] { "z" } });
            await _api.Post($"/api/clients/{client.Id}/care-team", client.Clinician, new { clinicianId = Guid.NewGuid() });
            await _api.Append(client, Enumerable.Range(0, 24).Select(i => (i % 6) switch
            {
                0 => Entries.Urge(now.AddMinutes(-600 + i * 20), intensity: 9, triggers: ["stress"]),
                1 => Entries.CheckIn(now.AddMinutes(-600 + i * 20), craving: 7),
                2 => Entries.Lapse(now.AddMinutes(-600 + i * 20), i % 12 == 2 ? "inner" : "middle"),
                3 => Entries.Phq9(now.AddMinutes(-600 + i * 20), score: 5 + i / 6),
                _ => Entries.Urge(now.AddMinutes(-600 + i * 20), intensity: 8),
            }).ToArray());
            await _api.Append(client, client.Clinician, Entries.Session(now.AddHours(-2)));
            var goal = $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}";
            await _api.Send(HttpMethod.Put, goal, client.Clinician, new { area = "trauma", statement = "g", targetDate = "2027-01-31" });
            await _api.Post($"{goal}/reviews", client.Clinician, new { progress = 4, note = "n" });
            clients.Add(client);
        }
        var erased = clients[^1];
        (await _api.Post($"/api/clients/{erased.Id}/erasure", _api.Admin(erased.Tenant), new { retentionReviewed = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Analytics' progress is compared too: it must have read the alert events the pipeline appended.
        await _api.Settled();
        return (clients, erased);
    }


    [Fact]
    public async Task that_fails_leaves_every_read_model_as_it_was()
    {
        await Start(apart: false);
        await Journeys();
        var before = await ReadModels();
        // An event this build cannot read, appended behind the others: the rebuild fails at the end of the log,
        // after it has emptied every table and copied the rest.
        await EveryDatabase.Query<int>(Store,
            "insert into recoveryledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type) " +
            "select nextval('recoveryledger.mt_events_sequence'), gen_random_uuid(), stream_id, version + 1000, '{\"Intensity\": \"high\"}', " +
            "type, now(), tenant_id, mt_dotnet_type from recoveryledger.mt_events where type = 'urge_logged' " +
            "order by seq_id desc limit 1 returning 1");

        var rebuild = new ReadModelRebuild((DocumentStore)Store, _host!.Services.GetRequiredService<Pseudonyms>());
        var failure = await Should.ThrowAsync<Exception>(() => rebuild.RunAsync(CancellationToken.None));
        failure.ToString().ShouldContain("$.Intensity"); // the last event's, not something before the tables were emptied
        Same(await ReadModels(), before);
    }

    private IDocumentStore Store => _host!.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Each read model's rows as text, without Marten's per-write metadata (last modified, a document's random version).</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> ReadModels()
    {
        var rows = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in Tables)
        {
            var revision = table is "mt_doc_clientanalytics" ? "''" : "mt_version::text";
            rows[table] = await EveryDatabase.Query<string>(Store,
                $"select concat_ws('|', tenant_id, id, data::text, {revision}) from recoveryledger.{table} order by tenant_id, id");
        }
        rows["timeline_item"] = await EveryDatabase.Query<string>(Store,
            "select concat_ws('|', tenant_id, client_id, item_id, kind, occurred_at, recorded_at, item::text) from recoveryledger.timeline_item order by 1");
        rows["lapse_mark"] = await EveryDatabase.Query<string>(Store,
            "select concat_ws('|', tenant_id, client_id, is_inner, occurred_ticks, recorded_ticks, event_id) from recoveryledger.lapse_mark order by 1");
        rows["progression"] = await EveryDatabase.Query<string>(Store,
            "select name || '|' || last_seq_id from recoveryledger.mt_event_progression where name = 'Analytics:All'");
        return rows;
    }

    private async Task<string> Answers(Client client)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/timeline?limit=100", "/streak", "", "/goals" })
            parts.Add(await (await _api.Get($"/api/clients/{client.Id}{path}", client.Clinician)).Content.ReadAsStringAsync());
        parts.Add((await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString());
        return string.Join("\n", parts);
    }
}

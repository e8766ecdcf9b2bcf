using System.Text.Json.Nodes;
using Marten;
using Marten.Services;
using Npgsql;
using RecoveryLedger.Api.Accountability;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Tests.Alerts;

namespace RecoveryLedger.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class the_access_log(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task<JsonArray> Log(Client client, Actor? reader = null)
    {
        var response = await _api.Get($"/api/clients/{client.Id}/access-log", reader ?? client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Json())["entries"]!.AsArray();
    }

    private static IEnumerable<string> Actions(JsonArray entries) => entries.Select(e => e!["action"]!.GetValue<string>());

    [Fact]
    public async Task records_each_kind_of_read_by_others_newest_first()
    {
        var client = await _api.EnrolledClient();
        var admin = _api.Admin(client.Tenant);
        await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.AlertsWhen(client, a => a.Count == 1, "lapse alert");              // alerts.read (the wait reads the inbox)
        await _api.Timeline(client, actor: client.Clinician);                            // timeline.read
        await _api.Streak(client, actor: client.Clinician);                              // streak.read
        await _api.Get($"/api/clients/{client.Id}/goals", client.Clinician);             // goals.read
        await _api.Get($"/api/clients/{client.Id}", admin);                              // client.read by an admin
        await _api.Get("/api/caseload", client.Clinician);                               // caseload.read

        var entries = await Log(client);

        Actions(entries).Take(5).ShouldBe(["caseload.read", "client.read", "goals.read", "streak.read", "timeline.read"]);
        Actions(entries).ShouldContain("alerts.read");
        var clientRead = entries.Single(e => e!["action"]!.GetValue<string>() == "client.read")!;
        clientRead["actorId"]!.GetValue<Guid>().ShouldBe(admin.Id);
        clientRead["actorRole"]!.GetValue<string>().ShouldBe("admin");
        entries.Where(e => e!["action"]!.GetValue<string>() != "client.read")
            .ShouldAllBe(e => e!["actorId"]!.GetValue<Guid>() == client.Clinician.Id && e["actorRole"]!.GetValue<string>() == "clinician");
        DateTimeOffset.Parse(entries[0]!["at"]!.GetValue<string>()).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task leaves_out_the_clients_own_reads()
    {
        var client = await _api.EnrolledClient();
        await _api.Timeline(client);
        await _api.Streak(client);
        await _api.Get($"/api/clients/{client.Id}", client.Self);
        (await Log(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task records_nothing_for_a_refused_read()
    {
        var client = await _api.EnrolledClient();
        await _api.Get($"/api/clients/{client.Id}/timeline", _api.Clinician(client.Tenant));          // 404
        await _api.Get($"/api/clients/{client.Id}/timeline", _api.Admin(client.Tenant));              // 403
        await _api.Get($"/api/clients/{client.Id}/timeline?limit=0", client.Clinician);               // 400
        (await Log(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task only_lists_clients_whose_data_was_returned_in_a_caseload_or_inbox()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var quiet = await _api.EnrolledClient(clinician: clinician);
        var lapsed = await _api.EnrolledClient(clinician: clinician);
        await _api.Append(lapsed, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.AlertsWhen(lapsed, a => a.Count == 1, "lapse alert");
        await _api.Alerts(clinician);

        Actions(await Log(quiet)).ShouldNotContain("alerts.read");
        Actions(await Log(lapsed)).ShouldContain("alerts.read");
    }

    [Fact]
    public async Task is_served_to_the_client_and_its_clinics_admins_only()
    {
        var client = await _api.EnrolledClient();
        await _api.Timeline(client, actor: client.Clinician);
        (await Log(client, _api.Admin(client.Tenant))).Count.ShouldBe(1);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", client.Clinician)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.Analyst(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.Admin(_api.NewClinic()))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/access-log", _api.ClientActor(client.Tenant, Guid.NewGuid()))).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task lives_outside_the_journey()
    {
        var client = await _api.EnrolledClient();
        var before = (await _api.Timeline(client))["items"]!.AsArray().Count;
        await _api.Timeline(client, actor: client.Clinician);
        await _api.Streak(client, actor: client.Clinician);
        (await _api.Timeline(client))["items"]!.AsArray().Count.ShouldBe(before);
        var version = (await _api.Append(client, Entries.Urge(DateTimeOffset.UtcNow)))["version"]!.GetValue<long>();
        version.ShouldBe(3); // enrolment, care-team member, the urge: reads wrote nothing to the journey
    }

    [Fact]
    public async Task keeps_up_with_concurrent_reads()
    {
        var client = await _api.EnrolledClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.Get($"/api/clients/{client.Id}/streak", client.Clinician)));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var entries = await Log(client);
        entries.Count.ShouldBe(20);
        Actions(entries).ShouldAllBe(a => a == "streak.read");
    }

    /// <summary>
    /// The proof is in PostgreSQL's lock table, not in timings: a record written exactly as a read writes it, and
    /// left uncommitted, holds nothing but the row-exclusive locks of its own insert (no row lock: that would show as
    /// RowShareLock; nothing on the event store's tables; no advisory lock) — and while it stays open, 20 clinicians'
    /// reads of the same client are served and logged. (Before, the held record locked the client's log stream and
    /// every one of those reads waited for it; the WaitAsync only turns such a regression into a failure, not a hang.)
    /// </summary>
    [Fact]
    public async Task concurrent_reads_of_one_client_wait_for_no_lock()
    {
        var client = await _api.EnrolledClient();
        var database = await app.Store.Storage.FindOrCreateDatabase(client.Tenant);
        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync();
        await using var held = await connection.BeginTransactionAsync();
        var options = SessionOptions.ForTransaction(held);
        options.TenantId = client.Tenant;
        await using (var session = app.Store.LightweightSession(options))
            await AccessLog.RecordNow(session, new Caller(client.Clinician.Id, Roles.Clinician), [client.Id], ReadActions.Timeline,
                DateTimeOffset.UtcNow, CancellationToken.None);

        var locks = new List<(string Relation, string Mode)>();
        await using (var query = new NpgsqlCommand("""
            select coalesce(c.relname::text, l.locktype), l.mode from pg_locks l left join pg_class c on c.oid = l.relation
            where l.pid = pg_backend_pid() and (l.locktype = 'advisory' or c.relnamespace = 'recoveryledger'::regnamespace)
            """, connection, held))
        await using (var reader = await query.ExecuteReaderAsync())
            while (await reader.ReadAsync()) locks.Add((reader.GetString(0), reader.GetString(1)));
        locks.ShouldNotBeEmpty();
        locks.ShouldAllBe(l => l.Mode == "RowExclusiveLock" && l.Relation.Contains(AccessRecords.Name),
            string.Join(", ", locks.Select(l => $"{l.Relation}: {l.Mode}")));

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.Get($"/api/clients/{client.Id}/timeline", client.Clinician)))
            .WaitAsync(TimeSpan.FromMinutes(1));
        reads.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await Log(client)).Count.ShouldBe(20, "the 20 reads committed while the held record is still open");

        await held.CommitAsync();
        (await Log(client)).Count.ShouldBe(21);
    }

    [Fact]
    public async Task orders_records_of_one_instant_by_insertion_newest_first()
    {
        var client = await _api.EnrolledClient();
        var at = Instant(DateTimeOffset.UtcNow.AddMinutes(-1));
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        foreach (var actor in new[] { first, second })
        {
            await using var session = app.Store.LightweightSession(client.Tenant);
            await AccessLog.RecordNow(session, new Caller(actor, Roles.Clinician), [client.Id], ReadActions.Streak, at, CancellationToken.None);
        }

        var entries = await Log(client);

        entries.Select(e => e!["actorId"]!.GetValue<Guid>()).ShouldBe([second, first]);
        entries.ShouldAllBe(e => DateTimeOffset.Parse(e!["at"]!.GetValue<string>()) == at);
    }

    /// <summary>
    /// Databases from before the table hold their records as events in a stream per client (no client id in the
    /// events: the stream id is derived from it). They are still served, merged into the one newest-first order.
    /// </summary>
    [Fact]
    public async Task still_serves_the_records_of_the_old_stream_format()
    {
        var client = await _api.EnrolledClient();
        var admin = _api.Admin(client.Tenant);
        var old = Instant(DateTimeOffset.UtcNow.AddDays(-2));
        await AppendLegacy(client.Tenant, client.Id,
            new ClientRecordRead(client.Clinician.Id, Roles.Clinician, ReadActions.Timeline, old),
            new ClientRecordRead(admin.Id, Roles.Admin, ReadActions.Client, old.AddHours(1)));
        await _api.Streak(client, actor: client.Clinician);

        var entries = await Log(client, admin);

        Actions(entries).ShouldBe(["streak.read", "client.read", "timeline.read"]);
        entries[1]!["actorId"]!.GetValue<Guid>().ShouldBe(admin.Id);
        entries[1]!["actorRole"]!.GetValue<string>().ShouldBe("admin");
        DateTimeOffset.Parse(entries[1]!["at"]!.GetValue<string>()).ShouldBe(old.AddHours(1));
        entries[2]!["actorId"]!.GetValue<Guid>().ShouldBe(client.Clinician.Id);
        entries[2]!["actorRole"]!.GetValue<string>().ShouldBe("clinician");
        DateTimeOffset.Parse(entries[2]!["at"]!.GetValue<string>()).ShouldBe(old);
        entries[0]!.AsObject().Select(p => p.Key).ShouldBe(["at", "actorId", "actorRole", "action"], ignoreOrder: true);
    }

    [Fact]
    public async Task keeps_an_old_format_erasure_readable_to_the_clinics_admins_only()
    {
        // A client erased before the table: its journey is gone, its log stream ends with the erasure.
        var tenant = _api.NewClinic();
        var clientId = Guid.NewGuid();
        var admin = _api.Admin(tenant);
        var at = Instant(DateTimeOffset.UtcNow.AddDays(-1));
        await AppendLegacy(tenant, clientId,
            new ClientRecordRead(Guid.NewGuid(), Roles.Clinician, ReadActions.Streak, at.AddMinutes(-5)),
            new ClientRecordErased(admin.Id, Roles.Admin, at));

        var response = await _api.Get($"/api/clients/{clientId}/access-log", admin);
        await response.ShouldBe(HttpStatusCode.OK);
        var entries = (await response.Json())["entries"]!.AsArray();

        Actions(entries).ShouldBe(["erasure", "streak.read"]);
        await (await _api.Get($"/api/clients/{clientId}/access-log", _api.Admin(_api.NewClinic()))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{clientId}/access-log", _api.ClientActor(tenant, clientId))).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private async Task AppendLegacy(string tenant, Guid clientId, params object[] records)
    {
        await using var session = app.Store.LightweightSession(tenant);
        session.Events.StartStream(AccessLog.StreamOf(clientId), [new AccessLogOpened(clientId, DateTimeOffset.UtcNow.AddDays(-3)), .. records]);
        await session.SaveChangesAsync();
    }

    /// <summary>An instant as stored (whole microseconds, UTC).</summary>
    private static DateTimeOffset Instant(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}

using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Tests.Support;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.ScaleOut;

/// <summary>
/// Clinics across database servers (<c>Clinics:Databases</c>): each clinic's events, read models, alerts and
/// scheduled checks are in its own database and nowhere else; a clinic not on the map is refused; one clinic's
/// database going away leaves the other clinic served. (The journey, alert and privacy suites also run whole
/// in this layout: scripts/test's second pass.)
/// </summary>
public sealed class clinics_in_their_own_databases : IAsyncLifetime
{
    private const string North = "clinic-north", South = "clinic-south";
    private readonly Dictionary<string, string> _databases = [];
    private string _main = "";
    private CuttableProxy _southRelay = null!;
    private Alba.IAlbaHost _host = null!;
    private ApiDriver _api = null!;

    public async Task InitializeAsync()
    {
        _main = await TestHosts.NewDatabase("apart_main");
        _databases[North] = await TestHosts.NewDatabase("apart_north");
        _databases[South] = await TestHosts.NewDatabase("apart_south");
        // South is reached through a relay the outage test can cut.
        var south = new NpgsqlConnectionStringBuilder(_databases[South]);
        _southRelay = new CuttableProxy(south.Host!, south.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(_databases[South]) { Host = "127.0.0.1", Port = _southRelay.Port, Timeout = 2 };
        _host = await TestHosts.Start(_main, settings: new Dictionary<string, string?>
        {
            ["Clinics:Databases:north:ConnectionString"] = _databases[North],
            ["Clinics:Databases:north:Clinics:0"] = North,
            ["Clinics:Databases:north:Clinics:1"] = "clinic-north-annex",
            ["Clinics:Databases:south:ConnectionString"] = viaRelay.ConnectionString,
            ["Clinics:Databases:south:Clinics:0"] = South,
        });
        _api = new ApiDriver(_host, new AuthOptions { SigningKey = AppFixture.SigningKey });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _southRelay.DisposeAsync();
    }

    [Fact]
    public async Task each_clinics_records_live_in_its_own_database_and_nowhere_else()
    {
        // The same client id and clinician id in both clinics: two journeys, one per database.
        var clinicianId = Guid.NewGuid();
        var inNorth = await _api.EnrolledClient(clinician: _api.Clinician(North, clinicianId));
        var inAnnex = await _api.EnrolledClient(clinician: _api.Clinician("clinic-north-annex", clinicianId));
        var inSouth = await _api.EnrolledClient(clinician: _api.Clinician(South, clinicianId));
        foreach (var client in new[] { inNorth, inAnnex, inSouth })
            await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)), Entries.CheckIn(DateTimeOffset.UtcNow.AddMinutes(-30)));
        await (await _api.Get($"/api/clients/{inNorth.Id}/timeline", inNorth.Clinician)).ShouldBe(OK); // an access-log record
        await _api.Judged();

        foreach (var client in new[] { inNorth, inAnnex, inSouth })
        {
            (await _api.Alerts(client.Clinician)).Select(a => a!["rule"]!.GetValue<string>()).ShouldBe(["lapse"]);
            (await _api.Timeline(client))["items"]!.AsArray().Count.ShouldBe(3);
        }
        (await Tenants(North, "mt_events")).ShouldBe([North, "clinic-north-annex"], ignoreOrder: true);
        (await Tenants(South, "mt_events")).ShouldBe([South]);
        (await Tenants(North, "mt_doc_alert")).ShouldBe([North, "clinic-north-annex"], ignoreOrder: true);
        (await Tenants(South, "mt_doc_alert")).ShouldBe([South]);
        (await Tenants(North, "access_record")).ShouldContain(North, "the access log is in its clinic's database");
        (await Tenants(South, "access_record")).ShouldNotContain(North);
        (await Tables(_main)).ShouldNotContain("mt_events", "the main database holds no clinic's records");
        (await Tables(_main)).ShouldNotContain("access_record", "the main database holds no clinic's access log");
    }

    [Fact]
    public async Task a_clinics_scheduled_checks_wait_in_its_own_database()
    {
        var client = await _api.EnrolledClient(North);
        await _api.Append(client, Entries.CheckIn(DateTimeOffset.UtcNow.AddMinutes(-5)));
        // Enrolment and the check-in each arm a disengagement check for later: a scheduled envelope. The alert
        // pipeline arms them, so wait until it has judged them (run first in its class, this read came too soon).
        await _api.Judged();
        (await Count(_databases[North], "select count(*) from recoveryledger.wolverine_incoming_envelopes where status = 'Scheduled'"))
            .ShouldBeGreaterThan(0);
        (await Count(_databases[South], "select count(*) from recoveryledger.wolverine_incoming_envelopes where status = 'Scheduled'"))
            .ShouldBe(0);
    }

    [Fact]
    public async Task a_token_for_a_clinic_not_on_the_map_is_refused()
    {
        var stranger = _api.Clinician("clinic-elsewhere");
        await (await _api.Get("/api/caseload", stranger)).ShouldBeProblem(Forbidden);
        await (await _api.Post("/api/clients", stranger, new { pseudonym = "P", timeZone = "UTC", sobrietyStartedAt = "2026-11-01T00:00:00Z" }))
            .ShouldBeProblem(Forbidden);
        (await Tables(_main)).ShouldNotContain("mt_events");
    }

    [Fact]
    public async Task one_clinics_database_away_leaves_the_other_clinic_served()
    {
        var inNorth = await _api.EnrolledClient(North);
        var inSouth = await _api.EnrolledClient(South);
        (await _api.Get("/health/ready", null)).StatusCode.ShouldBe(OK);

        _southRelay.Cut();
        try
        {
            await (await _api.Get($"/api/clients/{inSouth.Id}/timeline", inSouth.Self)).ShouldBeProblem(ServiceUnavailable);
            await _api.Append(inNorth, Entries.Urge(DateTimeOffset.UtcNow.AddMinutes(-1)));
            (await _api.Timeline(inNorth))["items"]!.AsArray().Count.ShouldBe(2);
            (await _api.Get("/health/ready", null)).StatusCode.ShouldBe(ServiceUnavailable, "ready means every clinic's database answers");
        }
        finally
        {
            _southRelay.Restore();
        }
        await Eventually.Get(async () => (await _api.Get("/health/ready", null)).StatusCode == OK ? "ready" : null,
            TimeSpan.FromSeconds(30), "ready again once south's database is back");
        (await _api.Timeline(inSouth))["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task every_clinic_database_gets_the_schema_and_the_async_work()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var databases = await store.Storage.AllDatabases();
        databases.Count.ShouldBe(2);
        foreach (var clinic in new[] { North, South })
            (await Tables(_databases[clinic])).ShouldContain("mt_events");
    }

    private Task<IReadOnlyList<string>> Tenants(string clinic, string table) =>
        EveryDatabase.Query<string>(_databases[clinic], $"select distinct tenant_id from recoveryledger.{table}");

    private static Task<IReadOnlyList<string>> Tables(string connection) =>
        EveryDatabase.Query<string>(connection, "select table_name::text from information_schema.tables where table_schema = 'recoveryledger'");

    private static async Task<long> Count(string connection, string sql) => (await EveryDatabase.Query<long>(connection, sql)).Single();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Seeding;
using Wolverine;

namespace RecoveryLedger.Console.Tests;

/// <summary>
/// One real service (Kestrel on a free port, a database of its own on the test server, a seeded demo clinic),
/// the clinic's OpenID Connect provider (<see cref="TestAuthority"/>) and one headless Chromium for all the
/// browser tests. The service is configured as Development with an authority: its sign-in page offers both
/// the clinic's sign-in and a pasted dev token. The browser is Debian's (<c>/usr/bin/chromium</c>, or
/// <c>RL_CHROMIUM</c>): Playwright downloads nothing.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string SigningKey = "console-test-signing-key-0123456789-abcdefghij";
    public const int Seed = 17;
    private Service _factory = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public DemoPeople Clinic { get; private set; } = null!;
    /// <summary>The clinic's OpenID Connect provider; its sign-in is the first clinician's.</summary>
    public TestAuthority Authority { get; private set; } = null!;
    public AuthOptions Auth { get; } = new() { SigningKey = SigningKey };

    public async Task InitializeAsync()
    {
        var connection = await NewDatabase();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var now = DateTimeOffset.UtcNow;
        Clinic = DemoClinic.People("console-demo", clients: 12, days: 90, Seed, now);
        Authority = await TestAuthority.Start(BaseUrl, Auth.Audience, Clinic.Clinicians[0], Clinic.Tenant);
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new Service(connection, Authority.Url);
        _factory.UseKestrel(port);
        _factory.StartServer();

        var store = _factory.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await DemoClinic.Seed(store, Clinic, 90, Seed, now, _ => { }, CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // As root (CI), Chromium's sandbox cannot start; the pages it opens are our own.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        await Authority.DisposeAsync();
    }

    public string Token(string role, Guid id) => TokenIssuer.Issue(Auth, role, Clinic.Tenant, id, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    public string ClinicianToken => Token(Roles.Clinician, Clinic.Clinicians[0]);

    /// <summary>The first client on the first clinician's care team (the one the tests sign in as).</summary>
    public SyntheticClient Client => Clinic.Clients.First(c => c.Clinician == 0);

    public HttpClient Api(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A fresh inner-circle lapse of <see cref="Client"/>; answers once its alert is open (the pipeline's own signal).</summary>
    public async Task<Guid> LapseWithOpenAlert()
    {
        var entry = Guid.NewGuid();
        using var client = Api(Token(Roles.Client, Client.ClientId));
        var appended = await client.PostAsJsonAsync($"/api/clients/{Client.ClientId}/entries", new
        {
            entries = new[] { new { id = entry, kind = "lapse", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), circle = "inner", note = "After a hard call." } },
        });
        appended.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var clinician = Api(ClinicianToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = await clinician.GetFromJsonAsync<AlertList>($"/api/alerts?status=open&clientId={Client.ClientId}");
            if (found!.Alerts.Any(a => a.Rule == "lapse" && a.Evidence.Contains(entry))) return entry;
            await Task.Delay(100);
        }
        throw new ShouldAssertException("No open lapse alert within 30 s of the lapse.");
    }

    private sealed record AlertList(IReadOnlyList<AlertRow> Alerts);
    private sealed record AlertRow(Guid AlertId, string Rule, IReadOnlyList<Guid> Evidence);

    private static async Task<string> NewDatabase()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set: run the tests with scripts/test.");
        var name = $"rl_console_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The application as scripts/run starts it (Development), on its own database, in-process on Kestrel, with the
/// console's OpenID Connect sign-in at <paramref name="authority"/> (plain HTTP on loopback: metadata over HTTP allowed).
/// </summary>
internal sealed class Service(string connection, string authority) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connection);
        builder.UseSetting("Auth:SigningKey", ConsoleHost.SigningKey);
        builder.UseSetting("Auth:Authority", authority);
        builder.UseSetting("Auth:RequireHttpsMetadata", "false");
        builder.UseSetting("Console:ClientId", TestAuthority.ClientId);
        builder.ConfigureServices(services =>
        {
            services.RunWolverineInSoloMode();
            services.DisableAllExternalWolverineTransports();
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHost>
{
    public const string Name = "console";
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Seeding;

namespace RecoveryLedger.Benchmarks;

/// <summary>The service under test: how to start it, tokens for it, and contract-shaped entries.</summary>
public sealed class Service
{
    public const string Tenant = "bench";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string SigningKey = "recoveryledger-benchmark-signing-key-0123456789";

    public string Dll { get; }
    public string ConnectionString { get; }
    public string LogPath { get; }
    public Failures Failures { get; }
    public Guid ClinicianId { get; } = Guid.NewGuid();
    public string ClinicianToken { get; }
    public HttpClient Http { get; }
    /// <summary>Where requests go: the node started last, unless a drill points them elsewhere.</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>The process behind <see cref="BaseUrl"/> when this tool started it (for its CPU time), else 0.</summary>
    public int Pid { get; set; }

    private readonly AuthOptions auth = new() { SigningKey = SigningKey };
    private IReadOnlyList<Dictionary<string, object?>>? pool;

    public Service(string dll, string connectionString, string logPath, Failures failures)
    {
        Dll = dll;
        ConnectionString = connectionString;
        LogPath = logPath;
        Failures = failures;
        ClinicianToken = Token("clinician", ClinicianId);
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Token(string role, Guid subject) =>
        TokenIssuer.Issue(auth, role, Tenant, subject, DateTimeOffset.UtcNow, TimeSpan.FromHours(6));

    public Dictionary<string, string> Environment(int port) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__Postgres"] = ConnectionString,
        ["Auth__SigningKey"] = SigningKey,
        ["Analytics__PseudonymKey"] = "benchmark-pseudonym-key",
        ["Limits__AppendsPerMinute"] = "1000000000",
        // As the image sets it (src/RecoveryLedger.Api/Dockerfile): the runtime reads it from the environment only.
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
    };

    public Task<(double Ms, string Output)> Command(string name, params string[] args) =>
        ChildProcess.Run(name, Dll, args, Environment(Net.FreePort()), LogPath, TimeSpan.FromMinutes(30));

    /// <summary>Starts the service on a free port and waits for /health/ready; returns it and the time it took.</summary>
    public async Task<(ChildProcess Process, double ReadyMs)> Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = Net.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var environment = Environment(port);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var child = ChildProcess.Start("service", Dll, [], environment, LogPath);
        try
        {
            var ms = await child.WaitReady(Http, url + "/health/ready", TimeSpan.FromSeconds(60));
            BaseUrl = url; // only once it answers: a drill's writers keep using a live node meanwhile
            Pid = child.Pid;
            return (child, ms);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string token, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    /// <summary>Enrols a client (as the benchmark's clinician, or as <paramref name="clinicianToken"/>) and returns its token.</summary>
    public async Task<string> Enrol(Guid clientId, DateTimeOffset sobrietyStartedAt, string? clinicianToken = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            clientId, pseudonym = "Bench " + clientId.ToString()[..8], timeZone = "Europe/Berlin", sobrietyStartedAt,
        }, Json);
        using var response = await Http.SendAsync(Request(HttpMethod.Post, "/api/clients", clinicianToken ?? ClinicianToken, body));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"enrolling a client: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Token("client", clientId);
    }

    /// <summary>Contract-shaped entries of synthetic journeys (JourneyGenerator, seed 7), to be cloned with fresh ids.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Pool
    {
        get
        {
            if (pool is not null) return pool;
            var now = DateTimeOffset.UtcNow.AddMinutes(-1);
            var generator = new JourneyGenerator(7);
            pool = generator.Clients(12, now, 120)
                .SelectMany(c => generator.Journey(c, now, 120))
                .SelectMany(b => b.Entries)
                .ToList();
            return pool;
        }
    }

    /// <summary><paramref name="count"/> entries cloned from the pool (from <paramref name="offset"/>), each with a fresh id.</summary>
    public List<Dictionary<string, object?>> Entries(int offset, int count, Func<int, DateTimeOffset>? occurredAt = null)
    {
        var source = Pool;
        var list = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var clone = new Dictionary<string, object?>(source[(offset + i) % source.Count]) { ["id"] = Guid.NewGuid() };
            if (occurredAt is not null) clone["occurredAt"] = occurredAt(i);
            list.Add(clone);
        }
        return list;
    }

    public static byte[] Body(IEnumerable<Dictionary<string, object?>> entries) =>
        JsonSerializer.SerializeToUtf8Bytes(new { entries }, Json);

    /// <summary>A batch of one inner-circle lapse two minutes ago: the entry that raises a pipeline alert.</summary>
    public static byte[] InnerLapse() => Body([new Dictionary<string, object?>
    {
        ["id"] = Guid.NewGuid(), ["kind"] = "lapse", ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-2), ["circle"] = "inner",
    }]);

    /// <summary>POSTs one batch; returns whether it was stored whole (2xx and accepted = count).</summary>
    public async Task<bool> Append(Guid clientId, string token, byte[] body, int count, string what)
    {
        using var response = await Http.SendAsync(Request(HttpMethod.Post, $"/api/clients/{clientId}/entries", token, body));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Failures.Add($"{what}: HTTP {(int)response.StatusCode} {Truncate(text)}");
            return false;
        }
        using var doc = JsonDocument.Parse(text);
        var accepted = doc.RootElement.GetProperty("accepted").GetInt32();
        if (accepted != count)
        {
            Failures.Add($"{what}: accepted {accepted} of {count} entries: {Truncate(text)}");
            return false;
        }
        return true;
    }

    public static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;

    public static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}

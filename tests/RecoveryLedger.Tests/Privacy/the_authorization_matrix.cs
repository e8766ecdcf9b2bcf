using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Tests.Alerts;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Privacy;

/// <summary>
/// Every endpoint the application exposes (read from its endpoint data source, not a hand-kept list)
/// against every kind of caller: roles, reach, and other clinics. A new endpoint without a row fails.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class the_authorization_matrix(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    /// <summary>The callers, relative to one enrolled client of clinic A with an open alert.</summary>
    public static readonly string[] Callers =
    [
        "anonymous", "unknown-role", "analyst", "the-client", "another-client", "care-team-clinician", "clinician-off-the-team",
        "admin", "the-client-elsewhere", "care-team-clinician-elsewhere", "admin-elsewhere",
        "supporter-with-consent", "supporter-without-consent", "supporter-expired", "supporter-revoked", "supporter-elsewhere",
    ];

    private static readonly string[] Supporters = [.. Callers.Where(c => c.StartsWith("supporter-", StringComparison.Ordinal))];

    private sealed record Row(string Body, Dictionary<string, HttpStatusCode> Expected, string Query = "");

    private static Dictionary<string, HttpStatusCode> Expect(HttpStatusCode client, HttpStatusCode otherClient, HttpStatusCode team,
        HttpStatusCode offTeam, HttpStatusCode admin, HttpStatusCode analyst, HttpStatusCode clientElsewhere, HttpStatusCode teamElsewhere,
        HttpStatusCode adminElsewhere) => new()
    {
        ["anonymous"] = Unauthorized, ["unknown-role"] = Forbidden, ["analyst"] = analyst, ["the-client"] = client,
        ["another-client"] = otherClient, ["care-team-clinician"] = team, ["clinician-off-the-team"] = offTeam, ["admin"] = admin,
        ["the-client-elsewhere"] = clientElsewhere, ["care-team-clinician-elsewhere"] = teamElsewhere, ["admin-elsewhere"] = adminElsewhere,
        // A supporter reaches the shared view and its own list, nothing else (contract "Support network").
        ["supporter-with-consent"] = Forbidden, ["supporter-without-consent"] = Forbidden, ["supporter-expired"] = Forbidden,
        ["supporter-revoked"] = Forbidden, ["supporter-elsewhere"] = Forbidden,
    };

    /// <summary>An endpoint of supporters only: everyone else 403 (anonymous 401).</summary>
    private static Dictionary<string, HttpStatusCode> SupportersOnly(HttpStatusCode withConsent, HttpStatusCode otherSupporters)
    {
        var expected = Expect(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);
        foreach (var supporter in Supporters) expected[supporter] = otherSupporters;
        expected["supporter-with-consent"] = withConsent;
        return expected;
    }

    private static Dictionary<string, HttpStatusCode> Everyone(HttpStatusCode status) => Callers.ToDictionary(c => c, _ => status);

    private static readonly string Session = $$"""{"entries":[{"id":"ID","kind":"session","occurredAt":"2026-11-20T10:00:00Z","sessionKind":"group","attended":true}]}""";

    /// <summary>role × reach → status, per endpoint (method and route pattern as the application maps them).</summary>
    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["GET /health/live"] = new("", Everyone(OK)),
        ["GET /health/ready"] = new("", Everyone(OK)),
        ["GET /openapi/{documentName}.json"] = new("", Everyone(OK)),
        // The interactive API reference and its assets (Development only): public, no data.
        ["GET /scalar/{documentName?}"] = new("", Everyone(OK)),
        ["GET /scalar/favicon.svg"] = new("", Everyone(OK)),
        ["GET /scalar/scalar.aspnetcore.js"] = new("", Everyone(OK)),
        ["GET /scalar/scalar.js"] = new("", Everyone(OK)),
        // The console's sign-in options (its static files are middleware, not endpoints): public, no data.
        ["GET /console/config.json"] = new("", Everyone(OK)),
        ["POST /api/clients"] = new("""{"pseudonym":"P","timeZone":"UTC","sobrietyStartedAt":"2026-11-01T00:00:00Z","primaryClinicianId":"ID"}""",
            Expect(Forbidden, Forbidden, Created, Created, Created, Forbidden, Forbidden, Created, Created)),
        ["GET /api/clients/{clientId}"] = new("", Expect(OK, NotFound, OK, NotFound, OK, Forbidden, NotFound, NotFound, NotFound)),
        ["POST /api/clients/{clientId}/care-team"] = new("""{"clinicianId":"ID"}""",
            Expect(Forbidden, Forbidden, NoContent, NotFound, NoContent, Forbidden, Forbidden, NotFound, NotFound)),
        ["DELETE /api/clients/{clientId}/care-team/{clinicianId}"] = new("",
            Expect(Forbidden, Forbidden, NoContent, NotFound, NoContent, Forbidden, Forbidden, NotFound, NotFound)),
        ["PUT /api/clients/{clientId}/plan"] = new("""{"inner":["a"],"middle":[],"outer":[]}""",
            Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["POST /api/clients/{clientId}/entries"] = new(Session, Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/timeline"] = new("", Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/streak"] = new("", Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/measures"] = new("", Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden),
            "?instrument=phq-9"),
        ["PUT /api/clients/{clientId}/supporters/{supporterId}"] = new("""{"relationship":"friend","scopes":["streak"]}""",
            Expect(OK, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden)),
        ["DELETE /api/clients/{clientId}/supporters/{supporterId}"] = new("",
            Expect(NoContent, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden)),
        ["GET /api/clients/{clientId}/supporters"] = new("", Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/shared"] = new("", SupportersOnly(OK, NotFound)),
        ["GET /api/supporting"] = new("", SupportersOnly(OK, OK)),
        // Goals: written by a care-team clinician only, read by the client too (the goal exists but for the PUT row).
        ["PUT /api/clients/{clientId}/goals/{goalId}"] = new("""{"area":"trauma","statement":"s"}""",
            Expect(Forbidden, Forbidden, Created, NotFound, Forbidden, Forbidden, Forbidden, NotFound, Forbidden)),
        ["POST /api/clients/{clientId}/goals/{goalId}/reviews"] = new("""{"progress":5}""",
            Expect(Forbidden, Forbidden, Created, NotFound, Forbidden, Forbidden, Forbidden, NotFound, Forbidden)),
        ["POST /api/clients/{clientId}/goals/{goalId}/status"] = new("""{"status":"achieved"}""",
            Expect(Forbidden, Forbidden, OK, NotFound, Forbidden, Forbidden, Forbidden, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/goals"] = new("", Expect(OK, NotFound, OK, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
        ["GET /api/clients/{clientId}/access-log"] = new("", Expect(OK, NotFound, Forbidden, Forbidden, OK, Forbidden, NotFound, Forbidden, NotFound)),
        // The client's own copy: the client, or an admin of its clinic on its request; never a clinician.
        ["GET /api/clients/{clientId}/export"] = new("", Expect(OK, NotFound, Forbidden, Forbidden, OK, Forbidden, NotFound, Forbidden, NotFound)),
        // Erasure: an admin of the client's clinic only (it goes last; the others must not have changed anything).
        ["POST /api/clients/{clientId}/erasure"] = new("""{"retentionReviewed":true}""",
            Expect(Forbidden, Forbidden, Forbidden, Forbidden, NoContent, Forbidden, Forbidden, Forbidden, NotFound)),
        ["GET /api/alerts"] = new("", Expect(Forbidden, Forbidden, OK, OK, Forbidden, Forbidden, Forbidden, OK, Forbidden)),
        ["POST /api/alerts/{alertId}/acknowledge"] = new("", Expect(Forbidden, Forbidden, OK, NotFound, Forbidden, Forbidden, Forbidden, NotFound, Forbidden)),
        ["POST /api/alerts/{alertId}/resolve"] = new("", Expect(Forbidden, Forbidden, OK, NotFound, Forbidden, Forbidden, Forbidden, NotFound, Forbidden)),
        ["GET /api/caseload"] = new("", Expect(Forbidden, Forbidden, OK, OK, Forbidden, Forbidden, Forbidden, OK, Forbidden)),
        ["GET /api/analytics/cohort"] = new("", Expect(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, OK, Forbidden, Forbidden, Forbidden),
            "?from=2026-11-01&to=2026-11-30"),
        ["GET /api/analytics/heatmap"] = new("", Expect(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, OK, Forbidden, Forbidden, Forbidden)),
        ["GET /api/analytics/coping"] = new("", Expect(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, OK, Forbidden, Forbidden, Forbidden)),
        ["GET /api/analytics/survival"] = new("", Expect(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, OK, Forbidden, Forbidden, Forbidden)),
    };

    private IReadOnlyList<string> ExposedEndpoints() =>
        app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {"/" + e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Order().ToList();

    [Fact]
    public void covers_every_endpoint_the_application_exposes()
    {
        ExposedEndpoints().ShouldBe(Matrix.Keys.Order().ToList());
    }

    /// <summary>
    /// A supporter of the client whose consent is in force, expired (written as history: a shared host's clock is not
    /// moved; the expiry itself is tested with a moved clock in <c>supporting_a_client</c>) or revoked.
    /// </summary>
    private async Task<Actor> Supporter(Client client, string consent)
    {
        var supporter = _api.Supporter(client.Tenant);
        if (consent == "expired")
        {
            await using var session = app.Store.LightweightSession(client.Tenant);
            var grantedAt = DateTimeOffset.UtcNow.AddDays(-40);
            session.Events.Append(client.Id, new SupporterConsentGranted(Guid.NewGuid(), supporter.Id, "friend", ["streak"],
                grantedAt.AddDays(30), grantedAt, grantedAt, new Recorder("client", client.Id)));
            await session.SaveChangesAsync();
            return supporter;
        }
        await _api.Grant(client, supporter, ["streak", "mood"]);
        if (consent == "revoked")
            await (await _api.Send(HttpMethod.Delete, $"/api/clients/{client.Id}/supporters/{supporter.Id}", client.Self)).ShouldBe(NoContent);
        return supporter;
    }

    public static TheoryData<string> Endpoints => new(Matrix.Keys.Order());

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task answers_each_caller_as_the_contract_says(string endpoint)
    {
        var row = Matrix[endpoint];
        var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        var client = await _api.EnrolledClient();
        var alertId = Guid.Empty;
        if (route.Contains("{alertId}"))
        {
            await _api.Append(client, Entries.Lapse(DateTimeOffset.UtcNow.AddHours(-1)));
            alertId = (await _api.AlertsWhen(client, a => a.Count == 1, "an alert to work")).Single()!.Id();
        }
        var goalId = Guid.NewGuid();
        if (route.Contains("{goalId}") && method != "PUT")
            await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/goals/{goalId}", client.Clinician,
                new { area = "trauma", statement = "s" })).ShouldBe(Created);
        var elsewhere = _api.NewClinic();
        var callers = new Dictionary<string, Actor?>
        {
            ["anonymous"] = null,
            ["unknown-role"] = Tokens.Actor(app.Auth, "superuser", client.Tenant),
            ["analyst"] = _api.Analyst(client.Tenant),
            ["the-client"] = client.Self,
            ["another-client"] = _api.ClientActor(client.Tenant, Guid.NewGuid()),
            ["care-team-clinician"] = client.Clinician,
            ["clinician-off-the-team"] = _api.Clinician(client.Tenant),
            ["admin"] = _api.Admin(client.Tenant),
            ["the-client-elsewhere"] = _api.ClientActor(elsewhere, client.Id),
            ["care-team-clinician-elsewhere"] = _api.Clinician(elsewhere, client.Clinician.Id),
            ["admin-elsewhere"] = _api.Admin(elsewhere),
            ["supporter-with-consent"] = await Supporter(client, consent: "in force"),
            ["supporter-without-consent"] = _api.Supporter(client.Tenant),
            ["supporter-expired"] = await Supporter(client, consent: "expired"),
            ["supporter-revoked"] = await Supporter(client, consent: "revoked"),
        };
        callers["supporter-elsewhere"] = _api.Supporter(elsewhere, callers["supporter-with-consent"]!.Id);

        // Callers the contract lets through go last: their step may change what others would see.
        var order = Callers.OrderBy(c => (int)row.Expected[c] is >= 200 and < 300 ? 1 : 0);
        var document = route.StartsWith("/api/") ? await TheDocument.Of(_api) : null;
        var wrong = new List<string>();
        foreach (var caller in order)
        {
            var path = route.Replace("{clientId}", client.Id.ToString()).Replace("{alertId}", alertId.ToString())
                .Replace("{goalId}", goalId.ToString()).Replace("{clinicianId}", Guid.NewGuid().ToString()).Replace("{supporterId}", Guid.NewGuid().ToString())
                .Replace("{documentName}", "v1").Replace("{documentName?}", "v1") + row.Query;
            var body = row.Body.Replace("ID", Guid.NewGuid().ToString());
            var response = await _api.Send(new HttpMethod(method), path, callers[caller], rawBody: body.Length > 0 ? body : null);
            if (response.StatusCode != row.Expected[caller])
                wrong.Add($"{caller}: expected {(int)row.Expected[caller]}, got {(int)response.StatusCode}");
            // Whatever an API endpoint answers, its published documentation must list.
            document?.ShouldDocument(endpoint, response.StatusCode);
        }
        wrong.ShouldBeEmpty();
    }
}

using System.Text.Json.Nodes;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>
/// The published document is the contract: its request examples are bodies the API accepts, and every
/// status an endpoint answers is listed for it (the authorization matrix checks 2xx/401/403/404 the same way).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class the_openapi_contract(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private static readonly string[] BodyEndpoints =
    [
        "POST /api/clients", "PUT /api/clients/{clientId}/plan", "POST /api/clients/{clientId}/care-team",
        "POST /api/clients/{clientId}/entries", "POST /api/alerts/{alertId}/acknowledge", "POST /api/alerts/{alertId}/resolve",
        "POST /api/clients/{clientId}/erasure", "PUT /api/clients/{clientId}/supporters/{supporterId}", "PUT /api/clients/{clientId}/goals/{goalId}",
        "POST /api/clients/{clientId}/goals/{goalId}/reviews", "POST /api/clients/{clientId}/goals/{goalId}/status",
    ];

    /// <summary>A client with an open alert and an active goal, and the path of an endpoint for it.</summary>
    private async Task<(Client Client, Func<string, string> Path)> AClientWithAnAlert()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.CheckIn(DateTimeOffset.UtcNow.AddMinutes(-5), safetyConcern: true));
        var alertId = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).Single()!["alertId"]!.GetValue<Guid>();
        var goalId = Guid.NewGuid();
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/goals/{goalId}", client.Clinician,
            new { area = "intimacy", statement = "s" })).ShouldBe(Created);
        return (client, route => route.Split(' ')[1].Replace("{clientId}", client.Id.ToString()).Replace("{alertId}", alertId.ToString())
            .Replace("{goalId}", goalId.ToString()).Replace("{supporterId}", Guid.NewGuid().ToString()));
    }

    private Actor CallerFor(string endpoint, Client client) => endpoint switch
    {
        "POST /api/clients/{clientId}/erasure" => _api.Admin(client.Tenant),
        "POST /api/clients" or "POST /api/clients/{clientId}/care-team" => client.Clinician,
        "POST /api/alerts/{alertId}/acknowledge" or "POST /api/alerts/{alertId}/resolve" => client.Clinician,
        _ when endpoint.Contains("/goals/") => client.Clinician,
        _ => client.Self,
    };

    [Fact]
    public async Task every_body_has_an_example_the_api_accepts()
    {
        var document = await TheDocument.Of(_api);
        var examples = document.BodyExamples().ToList();
        examples.Select(e => e.Endpoint).ShouldBe(BodyEndpoints, ignoreOrder: true);

        foreach (var (endpoint, example) in examples)
        {
            var (client, path) = await AClientWithAnAlert();
            var response = await _api.Send(new HttpMethod(endpoint.Split(' ')[0]), path(endpoint), CallerFor(endpoint, client),
                rawBody: example.ToJsonString());
            ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{endpoint}: the documented example got {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task a_bad_body_and_an_oversized_one_are_documented_answers_of_every_body_endpoint()
    {
        var document = await TheDocument.Of(_api);
        var tooLarge = "{\"x\":\"" + new string('a', 8 * 1024 * 1024) + "\"}";
        foreach (var endpoint in BodyEndpoints)
        {
            var (client, path) = await AClientWithAnAlert();
            var method = new HttpMethod(endpoint.Split(' ')[0]);
            var invalid = await _api.Send(method, path(endpoint), CallerFor(endpoint, client), rawBody: "[]");
            await invalid.ShouldBeProblem(BadRequest);
            document.ShouldDocument(endpoint, invalid.StatusCode);
            var oversized = await _api.Send(method, path(endpoint), CallerFor(endpoint, client), rawBody: tooLarge);
            await oversized.ShouldBeProblem(RequestEntityTooLarge);
            document.ShouldDocument(endpoint, oversized.StatusCode);
        }
    }

    [Fact]
    public async Task every_conflict_an_endpoint_answers_is_documented()
    {
        var document = await TheDocument.Of(_api);
        var (client, path) = await AClientWithAnAlert();
        var conflicts = new List<(string Endpoint, HttpResponseMessage Response)>();

        var enrolAgain = new { clientId = client.Id, pseudonym = "P", timeZone = "UTC", sobrietyStartedAt = "2026-11-01T00:00:00Z" };
        conflicts.Add(("POST /api/clients", await _api.Post("/api/clients", client.Clinician, enrolAgain)));
        var plan = new JsonObject { ["inner"] = new JsonArray("a"), ["middle"] = new JsonArray(), ["outer"] = new JsonArray() };
        conflicts.Add(("PUT /api/clients/{clientId}/plan", await _api.Send(HttpMethod.Put, path("PUT /api/clients/{clientId}/plan"),
            client.Self, rawBody: plan.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"7\""))));
        await (await _api.Send(HttpMethod.Post, path("POST /api/alerts/{alertId}/resolve"), client.Clinician)).ShouldBe(OK);
        conflicts.Add(("POST /api/alerts/{alertId}/acknowledge", await _api.Send(HttpMethod.Post, path("POST /api/alerts/{alertId}/acknowledge"), client.Clinician)));
        conflicts.Add(("POST /api/alerts/{alertId}/resolve", await _api.Send(HttpMethod.Post, path("POST /api/alerts/{alertId}/resolve"), client.Clinician)));
        await (await _api.Post(path("POST /api/clients/{clientId}/goals/{goalId}/status"), client.Clinician, new { status = "dropped" })).ShouldBe(OK);
        conflicts.Add(("POST /api/clients/{clientId}/goals/{goalId}/reviews",
            await _api.Post(path("POST /api/clients/{clientId}/goals/{goalId}/reviews"), client.Clinician, new { progress = 5 })));

        foreach (var (endpoint, response) in conflicts)
        {
            await response.ShouldBeProblem(Conflict);
            document.ShouldDocument(endpoint, response.StatusCode);
        }
    }
}

using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests.Skeleton;

[Collection(ApiCollection.Name)]
public sealed class the_service_skeleton(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    [Fact]
    public async Task health_live_answers_without_a_token()
    {
        var response = await _api.Get("/health/live", null);
        await response.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task health_ready_answers_when_the_database_is_reachable()
    {
        var response = await _api.Get("/health/ready", null);
        await response.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_journey_endpoints()
    {
        var response = await _api.Get("/openapi/v1.json", null);
        await response.ShouldBe(HttpStatusCode.OK);
        var paths = (await response.Json())["paths"]!.AsObject();
        foreach (var path in new[] { "/api/clients", "/api/clients/{clientId}", "/api/clients/{clientId}/entries",
                     "/api/clients/{clientId}/timeline", "/api/clients/{clientId}/streak", "/api/clients/{clientId}/plan",
                     "/api/clients/{clientId}/care-team", "/api/clients/{clientId}/care-team/{clinicianId}" })
            paths.ContainsKey(path).ShouldBeTrue($"{path} missing from the OpenAPI document");
    }

    [Fact]
    public async Task the_openapi_document_describes_hand_read_bodies_and_query_parameters()
    {
        var paths = (await (await _api.Get("/openapi/v1.json", null)).Json())["paths"]!;
        var append = paths["/api/clients/{clientId}/entries"]!["post"]!;
        append["requestBody"]!["content"]!["application/json"]!["schema"].ShouldNotBeNull();
        append["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "400", "401", "403", "404", "413", "429", "503"], ignoreOrder: true);
        var timelineParameters = paths["/api/clients/{clientId}/timeline"]!["get"]!["parameters"]!.AsArray()
            .Select(p => p!["name"]!.GetValue<string>());
        timelineParameters.ShouldBe(["clientId", "from", "to", "kinds", "asOf", "limit", "ids", "cursor"], ignoreOrder: true);
        paths["/api/clients/{clientId}/plan"]!["put"]!["responses"]!.AsObject().ContainsKey("409").ShouldBeTrue();
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        var response = await _api.Get("/api/no-such-thing", null);
        await response.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_wrong_method_is_a_405_problem()
    {
        var response = await _api.Send(HttpMethod.Delete, "/api/clients", _api.Clinician(_api.NewClinic()));
        await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task a_path_id_that_is_not_a_uuid_is_a_404_problem()
    {
        var clinic = _api.NewClinic();
        var response = await _api.Get("/api/clients/not-a-uuid", _api.Clinician(clinic));
        await response.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task malformed_json_is_a_400_problem()
    {
        var response = await _api.Send(HttpMethod.Post, "/api/clients", _api.Clinician(_api.NewClinic()), rawBody: "{\"pseudonym\": ");
        await response.ShouldBeValidationProblem("$");
    }

    [Fact]
    public async Task json_that_is_not_an_object_is_a_400_problem()
    {
        var response = await _api.Send(HttpMethod.Post, "/api/clients", _api.Clinician(_api.NewClinic()), rawBody: "[1,2]");
        await response.ShouldBeValidationProblem("$");
    }

    [Fact]
    public async Task problem_bodies_carry_a_trace_id_and_no_internals()
    {
        var response = await _api.Send(HttpMethod.Post, "/api/clients", _api.Clinician(_api.NewClinic()), rawBody: "nope");
        var body = await response.ShouldBeValidationProblem("$");
        body.ContainsKey("traceId").ShouldBeTrue();
        body.ToJsonString().ShouldNotContain("Exception");
    }
}

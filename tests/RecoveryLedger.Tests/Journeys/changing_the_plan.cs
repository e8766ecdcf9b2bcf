namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class changing_the_plan(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static readonly object Plan = new { inner = new[] { "acting out" }, middle = new[] { "late-night browsing" }, outer = new[] { "running" } };

    private Task<HttpResponseMessage> Put(Client client, Actor by, object? body = null, string? ifMatch = null) =>
        _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", by, body ?? Plan,
            configure: r => { if (ifMatch is not null) r.Headers.TryAddWithoutValidation("If-Match", ifMatch); });

    [Fact]
    public async Task the_first_plan_is_version_1_with_its_etag()
    {
        var client = await _api.EnrolledClient();
        var response = await Put(client, client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        (await response.Json())["version"]!.GetValue<int>().ShouldBe(1);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await (await _api.Get($"/api/clients/{client.Id}", client.Self)).Json())["planVersion"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task if_match_with_the_current_version_makes_the_next()
    {
        var client = await _api.EnrolledClient();
        await Put(client, client.Self);
        var response = await Put(client, client.Clinician, ifMatch: "\"1\"");
        await response.ShouldBe(HttpStatusCode.OK);
        (await response.Json())["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task if_match_with_a_stale_version_is_a_409_and_changes_nothing()
    {
        var client = await _api.EnrolledClient();
        await Put(client, client.Self);
        await Put(client, client.Self);
        await (await Put(client, client.Clinician, ifMatch: "\"1\"")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await (await _api.Get($"/api/clients/{client.Id}", client.Self)).Json())["planVersion"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task without_if_match_the_last_write_wins()
    {
        var client = await _api.EnrolledClient();
        await Put(client, client.Self);
        var response = await Put(client, client.Clinician);
        (await response.Json())["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task two_racing_changes_from_the_same_version_give_one_200_and_one_409()
    {
        var client = await _api.EnrolledClient();
        await Put(client, client.Self);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Put(client, client.Self, ifMatch: "\"1\"")));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        (await (await _api.Get($"/api/clients/{client.Id}", client.Self)).Json())["planVersion"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task the_plan_shows_on_the_timeline()
    {
        var client = await _api.EnrolledClient();
        await Put(client, client.Self);
        var items = (await _api.Timeline(client, "?kinds=plan-changed"))["items"]!.AsArray();
        items.Count.ShouldBe(1);
        items[0]!["version"]!.GetValue<int>().ShouldBe(1);
        items[0]!["inner"]![0]!.GetValue<string>().ShouldBe("acting out");
        items[0]!["recordedBy"]!.GetValue<string>().ShouldBe("client");
    }

    [Fact]
    public async Task every_circle_is_required()
    {
        var client = await _api.EnrolledClient();
        await (await Put(client, client.Self, new { inner = Array.Empty<string>() })).ShouldBeValidationProblem("middle", "outer");
    }

    [Fact]
    public async Task empty_circles_are_allowed()
    {
        var client = await _api.EnrolledClient();
        await (await Put(client, client.Self, new { inner = Array.Empty<string>(), middle = Array.Empty<string>(), outer = Array.Empty<string>() }))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task more_than_50_items_or_an_item_of_the_wrong_length_is_a_400()
    {
        var client = await _api.EnrolledClient();
        var tooMany = Enumerable.Range(0, 51).Select(i => $"b{i}").ToArray();
        await (await Put(client, client.Self, new { inner = tooMany, middle = new[] { "" }, outer = new[] { new string('x', 201) } }))
            .ShouldBeValidationProblem("inner", "middle[0]", "outer[0]");
    }

    [Fact]
    public async Task an_admin_gets_403_and_an_outsider_404()
    {
        var client = await _api.EnrolledClient();
        await (await Put(client, _api.Admin(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Put(client, _api.Clinician(client.Tenant))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Put(client, _api.ClientActor(client.Tenant, Guid.NewGuid()))).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

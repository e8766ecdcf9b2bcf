using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class appending_entries(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<int> EntriesStored(Client client) =>
        (await _api.Timeline(client, "?limit=200&kinds=check-in,urge,coping,lapse,session,relationship-milestone"))["items"]!.AsArray().Count;

    [Fact]
    public async Task every_kind_is_accepted_and_the_version_counts_up()
    {
        var client = await _api.EnrolledClient();
        var urgeId = Guid.NewGuid();
        var result = await _api.Append(client,
            Entries.CheckIn(Now.AddHours(-6)), Entries.Urge(Now.AddHours(-5), 8, urgeId), Entries.Coping(Now.AddHours(-5), urgeId: urgeId),
            Entries.Lapse(Now.AddHours(-4), "middle"), Entries.Session(Now.AddHours(-3)), Entries.RelationshipMilestone(Now.AddHours(-2)));

        result["accepted"]!.GetValue<int>().ShouldBe(6);
        result["duplicates"]!.GetValue<int>().ShouldBe(0);
        var version = result["version"]!.GetValue<long>();
        version.ShouldBe(8); // enrolment + care-team member + six entries

        var again = await _api.Append(client, Entries.Urge(Now));
        again["version"]!.GetValue<long>().ShouldBe(version + 1);
        (await EntriesStored(client)).ShouldBe(7);
    }

    [Fact]
    public async Task a_retried_batch_is_counted_as_duplicates_and_stored_once()
    {
        var client = await _api.EnrolledClient();
        object[] batch = [Entries.Urge(Now.AddHours(-2)), Entries.CheckIn(Now.AddHours(-1))];
        var first = await _api.Append(client, batch);

        var retry = await _api.Append(client, batch);

        retry["accepted"]!.GetValue<int>().ShouldBe(0);
        retry["duplicates"]!.GetValue<int>().ShouldBe(2);
        retry["version"]!.GetValue<long>().ShouldBe(first["version"]!.GetValue<long>());
        (await EntriesStored(client)).ShouldBe(2);
    }

    [Fact]
    public async Task the_first_write_of_an_id_wins_whatever_the_later_content()
    {
        var client = await _api.EnrolledClient();
        var id = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(Now.AddHours(-1), intensity: 3, id: id));
        var second = await _api.Append(client, Entries.Urge(Now, intensity: 9, id: id), Entries.Urge(Now, intensity: 9, id: id));

        second["duplicates"]!.GetValue<int>().ShouldBe(2);
        var items = (await _api.Timeline(client, "?kinds=urge"))["items"]!.AsArray();
        items.Single()!["intensity"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task an_id_repeated_inside_one_batch_is_stored_once()
    {
        var client = await _api.EnrolledClient();
        var id = Guid.NewGuid();
        var result = await _api.Append(client, Entries.Urge(Now, 4, id), Entries.Urge(Now, 6, id));
        result["accepted"]!.GetValue<int>().ShouldBe(1);
        result["duplicates"]!.GetValue<int>().ShouldBe(1);
        (await _api.Timeline(client, "?kinds=urge"))["items"]!.AsArray().Single()!["intensity"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task racing_retries_of_the_same_batch_store_each_entry_once()
    {
        var client = await _api.EnrolledClient();
        var batch = Enumerable.Range(0, 40).Select(i => Entries.Urge(Now.AddMinutes(-i), i % 11)).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.Post($"/api/clients/{client.Id}/entries", client.Self, new { entries = batch })));

        foreach (var response in responses) await response.ShouldBe(HttpStatusCode.OK);
        var results = await Task.WhenAll(responses.Select(r => r.Json()));
        results.Sum(r => r["accepted"]!.GetValue<int>()).ShouldBe(40);
        results.Sum(r => r["duplicates"]!.GetValue<int>()).ShouldBe(5 * 40);
        (await EntriesStored(client)).ShouldBe(40);
    }

    [Fact]
    public async Task concurrent_appends_from_the_app_and_a_clinician_both_succeed()
    {
        var client = await _api.EnrolledClient();
        var fromApp = Enumerable.Range(0, 10).Select(i => _api.Post($"/api/clients/{client.Id}/entries", client.Self,
            new { entries = new[] { Entries.CheckIn(Now.AddMinutes(-i)) } }));
        var fromClinician = Enumerable.Range(0, 10).Select(i => _api.Post($"/api/clients/{client.Id}/entries", client.Clinician,
            new { entries = new[] { Entries.Session(Now.AddMinutes(-i)) } }));

        var responses = await Task.WhenAll(fromApp.Concat(fromClinician));

        foreach (var response in responses) await response.ShouldBe(HttpStatusCode.OK);
        var versions = (await Task.WhenAll(responses.Select(r => r.Json()))).Select(r => r["version"]!.GetValue<long>()).ToList();
        versions.Distinct().Count().ShouldBe(20);
        (await EntriesStored(client)).ShouldBe(20);
    }

    [Fact]
    public async Task a_full_batch_of_500_is_accepted()
    {
        var client = await _api.EnrolledClient();
        var batch = Enumerable.Range(0, 500).Select(i => Entries.CheckIn(Now.AddMinutes(-i), note: new string('n', 1000))).ToArray();
        var result = await _api.Append(client, batch);
        result["accepted"]!.GetValue<int>().ShouldBe(500);
    }

    [Fact]
    public async Task a_clinician_may_record_sessions_and_relationship_milestones()
    {
        var client = await _api.EnrolledClient();
        var result = await _api.Append(client, client.Clinician, Entries.Session(Now, attended: false), Entries.RelationshipMilestone(Now));
        result["accepted"]!.GetValue<int>().ShouldBe(2);
        var items = (await _api.Timeline(client))["items"]!.AsArray();
        items.Where(i => i!["kind"]!.GetValue<string>() is "session" or "relationship-milestone")
            .ShouldAllBe(i => i!["recordedBy"]!.GetValue<string>() == "clinician");
    }

    [Fact]
    public async Task a_clinician_batch_with_another_kind_is_a_403_and_stores_nothing()
    {
        var client = await _api.EnrolledClient();
        var response = await _api.Post($"/api/clients/{client.Id}/entries", client.Clinician,
            new { entries = new[] { Entries.Session(Now), Entries.Urge(Now) } });
        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        (await EntriesStored(client)).ShouldBe(0);
    }

    [Fact]
    public async Task out_of_reach_is_a_404_and_an_admin_or_analyst_a_403()
    {
        var client = await _api.EnrolledClient();
        var body = new { entries = new[] { Entries.Session(Now) } };
        await (await _api.Post($"/api/clients/{client.Id}/entries", _api.Clinician(client.Tenant), body)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Post($"/api/clients/{client.Id}/entries", _api.ClientActor(client.Tenant, Guid.NewGuid()), body)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Post($"/api/clients/{client.Id}/entries", _api.ClientActor(_api.NewClinic(), client.Id), body)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Post($"/api/clients/{client.Id}/entries", _api.Admin(client.Tenant), body)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Post($"/api/clients/{client.Id}/entries", _api.Analyst(client.Tenant), body)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Post($"/api/clients/{client.Id}/entries", null, body)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await EntriesStored(client)).ShouldBe(0);
    }

    public static TheoryData<string, string> InvalidEntries => new()
    {
        { """{"kind":"dream","occurredAt":"2026-11-20T21:40:00Z"}""", "entries[1].kind" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":11}""", "entries[1].intensity" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":8.5}""", "entries[1].intensity" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":"8"}""", "entries[1].intensity" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":5,"triggers":["stress","moonlight"]}""", "entries[1].triggers[1]" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z"}""", "entries[1].intensity" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00","intensity":5}""", "entries[1].occurredAt" },
        { """{"kind":"urge","occurredAt":"2999-11-20T21:40:00Z","intensity":5}""", "entries[1].occurredAt" },
        { """{"kind":"urge","intensity":5}""", "entries[1].occurredAt" },
        { """{"kind":"check-in","occurredAt":"2026-11-20T21:40:00Z","mood":0,"craving":3}""", "entries[1].mood" },
        { """{"kind":"check-in","occurredAt":"2026-11-20T21:40:00Z","mood":3,"craving":3,"sleepHours":25}""", "entries[1].sleepHours" },
        { """{"kind":"check-in","occurredAt":"2026-11-20T21:40:00Z","mood":3,"craving":3,"halt":{"lonely":"yes"}}""", "entries[1].halt.lonely" },
        { """{"kind":"coping","occurredAt":"2026-11-20T21:40:00Z","strategy":"shopping","outcome":"resisted"}""", "entries[1].strategy" },
        { """{"kind":"coping","occurredAt":"2026-11-20T21:40:00Z","strategy":"exercise"}""", "entries[1].outcome" },
        { """{"kind":"lapse","occurredAt":"2026-11-20T21:40:00Z","circle":"outer"}""", "entries[1].circle" },
        { """{"kind":"session","occurredAt":"2026-11-20T21:40:00Z","sessionKind":"group"}""", "entries[1].attended" },
        { """{"kind":"session","occurredAt":"2026-11-20T21:40:00Z","sessionKind":"group","attended":true,"durationMinutes":601}""", "entries[1].durationMinutes" },
        { """{"kind":"relationship-milestone","occurredAt":"2026-11-20T21:40:00Z","milestone":"wedding"}""", "entries[1].milestone" },
        { """{"kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":5,"note":"NOTE"}""", "entries[1].note" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task one_invalid_entry_is_a_400_naming_its_path_and_stores_nothing(string invalid, string path)
    {
        var client = await _api.EnrolledClient();
        var entry = JsonNode.Parse(invalid.Replace("NOTE", new string('n', 2001)))!.AsObject();
        entry["id"] = Guid.NewGuid();
        var valid = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Entries.Urge(Now.AddHours(-1))))!;
        var body = new JsonObject { ["entries"] = new JsonArray(valid, entry) };

        var response = await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody: body.ToJsonString());

        await response.ShouldBeValidationProblem(path);
        (await EntriesStored(client)).ShouldBe(0);
    }

    [Fact]
    public async Task an_entry_without_a_uuid_id_is_a_400()
    {
        var client = await _api.EnrolledClient();
        var response = await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self,
            rawBody: """{"entries":[{"id":"e-1","kind":"urge","occurredAt":"2026-11-20T21:40:00Z","intensity":5}]}""");
        await response.ShouldBeValidationProblem("entries[0].id");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task an_empty_or_oversized_batch_is_a_400(int count)
    {
        var client = await _api.EnrolledClient();
        var batch = Enumerable.Range(0, count).Select(i => Entries.Urge(Now.AddMinutes(-i))).ToArray();
        await (await _api.Post($"/api/clients/{client.Id}/entries", client.Self, new { entries = batch })).ShouldBeValidationProblem("entries");
        (await EntriesStored(client)).ShouldBe(0);
    }

    [Fact]
    public async Task malformed_json_is_a_400_and_stores_nothing()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody: """{"entries":[{"id":"""))
            .ShouldBeValidationProblem("$");
        (await EntriesStored(client)).ShouldBe(0);
    }

    [Fact]
    public async Task unknown_properties_are_ignored_and_null_means_absent()
    {
        var client = await _api.EnrolledClient();
        var response = await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, rawBody:
            $$"""{"entries":[{"id":"{{Guid.NewGuid()}}","kind":"urge","occurredAt":"2026-11-20T22:40:00+01:00","intensity":5,"note":null,"durationMinutes":null,"mood":"x","future":{"a":1} }],"deviceId":"abc"}""");
        await response.ShouldBe(HttpStatusCode.OK);
        var item = (await _api.Timeline(client, "?kinds=urge"))["items"]!.AsArray().Single()!;
        item["occurredAt"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.Parse("2026-11-20T21:40:00Z"));
    }
}

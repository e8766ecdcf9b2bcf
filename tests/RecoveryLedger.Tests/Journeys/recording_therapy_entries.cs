using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>The v2 entry kinds: validated measures (scored by the server) and CBT thought records.</summary>
[Collection(ApiCollection.Name)]
public sealed class recording_therapy_entries(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<JsonObject> Trend(Client client, string instrument, Actor? reader = null, string extra = "")
    {
        var response = await _api.Get($"/api/clients/{client.Id}/measures?instrument={instrument}{extra}", reader ?? client.Self);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    private async Task<JsonObject> Rejected(Client client, object entry, params string[] fields) =>
        await (await _api.Post($"/api/clients/{client.Id}/entries", client.Self, new { entries = new[] { entry } }))
            .ShouldBeValidationProblem(fields);

    [Fact]
    public async Task a_measure_is_on_the_timeline_with_the_servers_score_and_band()
    {
        var client = await _api.EnrolledClient();
        var id = Guid.NewGuid();
        await _api.Append(client, Entries.Measure(Now.AddHours(-1), "phq-9", [1, 2, 1, 2, 1, 1, 2, 1, 0], id, note: "a hard week"));

        var item = (await _api.Timeline(client, "?kinds=measure"))["items"]!.AsArray().Single()!;

        item["id"]!.GetValue<Guid>().ShouldBe(id);
        item["instrument"]!.GetValue<string>().ShouldBe("phq-9");
        item["items"]!.AsArray().Select(n => n!.GetValue<int>()).ShouldBe([1, 2, 1, 2, 1, 1, 2, 1, 0]);
        item["score"]!.GetValue<int>().ShouldBe(11);
        item["band"]!.GetValue<string>().ShouldBe("moderate");
        item["recordedBy"]!.GetValue<string>().ShouldBe("client");
    }

    [Fact]
    public async Task the_trend_lists_one_instrument_oldest_first_and_as_of_an_instant()
    {
        var client = await _api.EnrolledClient();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await _api.Append(client, Entries.Phq9(Now.AddDays(-14), 16, id: second), Entries.Gad7(Now.AddDays(-20), 12));
        // As of the first sync's own recordedAt, as the timeline serves it (no clock of the test's in between).
        var firstSync = (await _api.Timeline(client, "?kinds=measure"))["items"]!.AsArray()[0]!["recordedAt"]!.GetValue<string>();
        await _api.Append(client, Entries.Phq9(Now.AddDays(-28), 21, id: first), Entries.Phq9(Now.AddHours(-2), 4));

        var trend = await Trend(client, "phq-9");

        trend["instrument"]!.GetValue<string>().ShouldBe("phq-9");
        var points = trend["points"]!.AsArray();
        points.Select(p => p!["score"]!.GetValue<int>()).ShouldBe([21, 16, 4]);
        points.Select(p => p!["band"]!.GetValue<string>()).ShouldBe(["severe", "moderately-severe", "minimal"]);
        points[0]!["entryId"]!.GetValue<Guid>().ShouldBe(first);
        points[1]!["entryId"]!.GetValue<Guid>().ShouldBe(second);
        (await Trend(client, "gad-7"))["points"]!.AsArray().Single()!["band"]!.GetValue<string>().ShouldBe("moderate");
        (await Trend(client, "csbd-19"))["points"]!.AsArray().ShouldBeEmpty();
        var asOf = await Trend(client, "phq-9", extra: "&asOf=" + Uri.EscapeDataString(firstSync));
        asOf["points"]!.AsArray().Select(p => p!["score"]!.GetValue<int>()).ShouldBe([16]);
    }

    [Fact]
    public async Task the_trend_needs_a_known_instrument_and_a_valid_instant()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Get($"/api/clients/{client.Id}/measures", client.Self)).ShouldBeValidationProblem("instrument");
        await (await _api.Get($"/api/clients/{client.Id}/measures?instrument=beck", client.Self)).ShouldBeValidationProblem("instrument");
        await (await _api.Get($"/api/clients/{client.Id}/measures?instrument=phq-9&asOf=yesterday", client.Self)).ShouldBeValidationProblem("asOf");
    }

    [Fact]
    public async Task a_clinician_reads_the_trend_and_the_read_is_logged_the_clients_own_is_not()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.Gad7(Now.AddHours(-1), 9));
        await Trend(client, "gad-7");
        await Trend(client, "gad-7", client.Clinician);

        var log = await (await _api.Get($"/api/clients/{client.Id}/access-log", client.Self)).Json();

        var reads = log["entries"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "measures.read").ToList();
        reads.Single()!["actorRole"]!.GetValue<string>().ShouldBe("clinician");
    }

    [Fact]
    public async Task a_care_team_clinician_may_record_a_measure_but_not_a_thought_record()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, client.Clinician, Entries.Gad7(Now.AddHours(-1), 3));

        var thought = await _api.Post($"/api/clients/{client.Id}/entries", client.Clinician,
            new { entries = new[] { Entries.ThoughtRecord(Now) } });

        await thought.ShouldBeProblem(HttpStatusCode.Forbidden);
        var item = (await _api.Timeline(client, "?kinds=measure,thought-record"))["items"]!.AsArray().Single()!;
        item["recordedBy"]!.GetValue<string>().ShouldBe("clinician");
    }

    [Theory]
    [InlineData("phq-9", 8), InlineData("phq-9", 10), InlineData("gad-7", 9), InlineData("csbd-19", 7), InlineData("csbd-19", 20)]
    public async Task a_wrong_number_of_answers_is_keyed_at_items(string instrument, int count)
    {
        var client = await _api.EnrolledClient();
        await Rejected(client, Entries.Measure(Now, instrument, Enumerable.Repeat(1, count).ToArray()), "entries[0].items");
        (await _api.Timeline(client, "?kinds=measure"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("phq-9", 9, 4), InlineData("gad-7", 7, -1), InlineData("csbd-19", 19, 0), InlineData("csbd-19", 19, 5)]
    public async Task an_answer_out_of_range_is_keyed_at_its_index(string instrument, int count, int answer)
    {
        var client = await _api.EnrolledClient();
        var items = Enumerable.Repeat(instrument == "csbd-19" ? 1 : 0, count).ToArray();
        items[4] = answer;

        var problem = await Rejected(client, Entries.Measure(Now, instrument, items), "entries[0].items[4]");

        problem["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_instrument_or_answers_that_are_not_integers_are_named()
    {
        var client = await _api.EnrolledClient();
        await Rejected(client, Entries.Measure(Now, "beck", [1, 1, 1, 1, 1, 1, 1]), "entries[0].instrument");
        await Rejected(client, new { id = Guid.NewGuid(), kind = "measure", occurredAt = ApiDriver.Iso(Now), instrument = "gad-7",
            items = new object[] { 1, 1, 1.5, 1, "1", 1, 1 } }, "entries[0].items[2]", "entries[0].items[4]");
        await Rejected(client, new { id = Guid.NewGuid(), kind = "measure", occurredAt = ApiDriver.Iso(Now), instrument = "gad-7" },
            "entries[0].items");
    }

    [Fact]
    public async Task a_thought_record_is_on_the_timeline_as_written()
    {
        var client = await _api.EnrolledClient();
        var id = Guid.NewGuid();
        await _api.Append(client, Entries.ThoughtRecord(Now.AddHours(-1), id: id, balancedThought: "One call is not my worth",
            evidenceFor: "I stumbled", evidenceAgainst: "I prepared well"));

        var item = (await _api.Timeline(client, "?kinds=thought-record"))["items"]!.AsArray().Single()!;

        item["id"]!.GetValue<Guid>().ShouldBe(id);
        item["situation"]!.GetValue<string>().ShouldBe("After a hard call");
        item["automaticThought"]!.GetValue<string>().ShouldBe("I am a failure");
        item["balancedThought"]!.GetValue<string>().ShouldBe("One call is not my worth");
        item["evidenceFor"]!.GetValue<string>().ShouldBe("I stumbled");
        item["evidenceAgainst"]!.GetValue<string>().ShouldBe("I prepared well");
        item["distortions"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["labeling"]);
        var emotions = item["emotions"]!.AsArray();
        emotions.Count.ShouldBe(2);
        emotions[0]!["name"]!.GetValue<string>().ShouldBe("shame");
        emotions[0]!["after"]!.GetValue<int>().ShouldBe(45);
        emotions[1]!.AsObject().ContainsKey("after").ShouldBeFalse();
    }

    [Fact]
    public async Task a_thought_record_names_each_bad_field()
    {
        var client = await _api.EnrolledClient();
        var tooMany = Enumerable.Range(0, 6).Select(_ => new { name = "shame", before = 10 }).ToArray();
        await Rejected(client, new { id = Guid.NewGuid(), kind = "thought-record", occurredAt = ApiDriver.Iso(Now) },
            "entries[0].situation", "entries[0].automaticThought", "entries[0].emotions");
        await Rejected(client, new
        {
            id = Guid.NewGuid(), kind = "thought-record", occurredAt = ApiDriver.Iso(Now), situation = new string('s', 501), automaticThought = "x",
            emotions = new object[] { new { name = "shame", before = 101 }, new { name = "awe", before = 5 }, new { name = "shame", before = 5, after = -1 } },
            distortions = new[] { "magical-thinking" }, evidenceFor = new string('e', 1001), balancedThought = new string('b', 501),
        }, "entries[0].situation", "entries[0].emotions[0].before", "entries[0].emotions[1].name", "entries[0].emotions[2].name",
            "entries[0].emotions[2].after", "entries[0].distortions[0]", "entries[0].evidenceFor", "entries[0].balancedThought");
        await Rejected(client, new { id = Guid.NewGuid(), kind = "thought-record", occurredAt = ApiDriver.Iso(Now), situation = "s",
            automaticThought = "t", emotions = tooMany }, "entries[0].emotions");
        await Rejected(client, new { id = Guid.NewGuid(), kind = "thought-record", occurredAt = ApiDriver.Iso(Now), situation = "s",
            automaticThought = "t", emotions = Array.Empty<object>() }, "entries[0].emotions");
        (await _api.Timeline(client, "?kinds=thought-record"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task the_new_kinds_are_idempotent_by_id_and_count_as_the_latest_entry()
    {
        var client = await _api.EnrolledClient();
        object[] batch = [Entries.Phq9(Now.AddHours(-3), 7), Entries.ThoughtRecord(Now.AddHours(-2))];
        await _api.Append(client, batch);

        var retry = await _api.Append(client, batch);

        retry["duplicates"]!.GetValue<int>().ShouldBe(2);
        var caseload = await (await _api.Get("/api/caseload", client.Clinician)).Json();
        var row = caseload["clients"]!.AsArray().Single(c => c!["clientId"]!.GetValue<Guid>() == client.Id)!;
        DateTimeOffset.Parse(row["lastEntryAt"]!.GetValue<string>()).ShouldBe(Now.AddHours(-2), TimeSpan.FromMinutes(1));
    }
}

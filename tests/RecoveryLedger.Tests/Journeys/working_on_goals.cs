using System.Text.Json.Nodes;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// Treatment goals (contract "Treatment goals"): a care-team clinician sets, rewords, reviews and closes them;
/// the client and its care team read them; every step is on the timeline.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class working_on_goals(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private static object AGoal(string statement = "Name the feeling before acting on an urge", string area = "emotion-regulation",
        string? targetDate = "2027-03-01") => new { area, statement, targetDate };

    private Task<HttpResponseMessage> Set(Client client, Guid goalId, object? body = null, Actor? by = null) =>
        _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/goals/{goalId}", by ?? client.Clinician, body ?? AGoal());

    private Task<HttpResponseMessage> Review(Client client, Guid goalId, object body, Actor? by = null) =>
        _api.Post($"/api/clients/{client.Id}/goals/{goalId}/reviews", by ?? client.Clinician, body);

    private Task<HttpResponseMessage> Status(Client client, Guid goalId, string status, Actor? by = null) =>
        _api.Post($"/api/clients/{client.Id}/goals/{goalId}/status", by ?? client.Clinician, new { status });

    private async Task<JsonArray> Goals(Client client, Actor? by = null)
    {
        var response = await _api.Get($"/api/clients/{client.Id}/goals", by ?? client.Self);
        await response.ShouldBe(OK);
        return (await response.Json())["goals"]!.AsArray();
    }

    private async Task<JsonArray> AccessLog(Client client) =>
        (await (await _api.Get($"/api/clients/{client.Id}/access-log", client.Self)).Json())["entries"]!.AsArray();

    [Fact]
    public async Task a_goal_is_set_reworded_reviewed_closed_and_reopened()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();

        var set = await Set(client, goalId);
        await set.ShouldBe(Created);
        var goal = await set.Json();
        goal["goalId"]!.GetValue<Guid>().ShouldBe(goalId);
        goal["area"]!.GetValue<string>().ShouldBe("emotion-regulation");
        goal["targetDate"]!.GetValue<string>().ShouldBe("2027-03-01");
        goal["status"]!.GetValue<string>().ShouldBe("active");
        goal["progress"].ShouldBeNull();
        goal["reviews"]!.AsArray().ShouldBeEmpty();
        var setAt = goal["setAt"]!.GetValue<DateTimeOffset>();

        var reworded = await Set(client, goalId, AGoal("Name the feeling, then call someone", "relapse-prevention", targetDate: null));
        await reworded.ShouldBe(OK);
        var after = await reworded.Json();
        after["statement"]!.GetValue<string>().ShouldBe("Name the feeling, then call someone");
        after["area"]!.GetValue<string>().ShouldBe("relapse-prevention");
        after["targetDate"].ShouldBeNull();
        after["setAt"]!.GetValue<DateTimeOffset>().ShouldBe(setAt, "a rewording keeps when the goal was set");

        var review = await Review(client, goalId, new { progress = 3, note = "first week" });
        await review.ShouldBe(Created);
        (await review.Json())["progress"]!.GetValue<int>().ShouldBe(3);
        await (await Review(client, goalId, new { progress = 6 })).ShouldBe(Created);

        var listed = (await Goals(client)).ShouldHaveSingleItem()!;
        listed["progress"]!.GetValue<int>().ShouldBe(6, "the latest review's");
        listed["reviews"]!.AsArray().Select(r => r!["progress"]!.GetValue<int>()).ShouldBe([3, 6], "oldest first");
        listed["reviews"]![0]!["note"]!.GetValue<string>().ShouldBe("first week");
        listed["reviews"]![1]!["note"].ShouldBeNull();

        var achieved = await Status(client, goalId, "achieved");
        await achieved.ShouldBe(OK);
        (await achieved.Json())["status"]!.GetValue<string>().ShouldBe("achieved");
        await (await Review(client, goalId, new { progress = 9 })).ShouldBeProblem(Conflict);

        // A closed goal may be reworded; it stays closed.
        var closedRewording = await Set(client, goalId, AGoal("Name the feeling, then call a friend"));
        await closedRewording.ShouldBe(OK);
        (await closedRewording.Json())["status"]!.GetValue<string>().ShouldBe("achieved");

        await (await Status(client, goalId, "active")).ShouldBe(OK);
        await (await Review(client, goalId, new { progress = 8 })).ShouldBe(Created);
        await (await Status(client, goalId, "dropped")).ShouldBe(OK);
        await (await Review(client, goalId, new { progress = 8 })).ShouldBeProblem(Conflict);

        var final = (await Goals(client, client.Clinician)).ShouldHaveSingleItem()!;
        final["status"]!.GetValue<string>().ShouldBe("dropped");
        final["progress"]!.GetValue<int>().ShouldBe(8);
        final["reviews"]!.AsArray().Count.ShouldBe(3, "the refused reviews stored nothing");
        final["setAt"]!.GetValue<DateTimeOffset>().ShouldBe(setAt);
    }

    [Fact]
    public async Task goals_are_listed_by_when_they_were_set_and_ids_are_per_client()
    {
        var client = await _api.EnrolledClient();
        var other = await _api.EnrolledClient(client.Tenant, clinician: client.Clinician);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        (await Goals(client)).ShouldBeEmpty();

        await (await Set(client, second, AGoal("second"))).ShouldBe(Created);
        await (await Set(client, first, AGoal("first"))).ShouldBe(Created);
        await (await Set(client, second, AGoal("second, reworded"))).ShouldBe(OK);
        await (await Set(other, second, AGoal("the other client's"))).ShouldBe(Created);

        (await Goals(client)).Select(g => g!["goalId"]!.GetValue<Guid>()).ShouldBe([second, first]);
        (await Goals(other)).ShouldHaveSingleItem()!["statement"]!.GetValue<string>().ShouldBe("the other client's");
    }

    [Fact]
    public async Task a_repeated_put_or_status_records_nothing_new()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();
        await (await Set(client, goalId)).ShouldBe(Created);
        await (await Set(client, goalId)).ShouldBe(OK);
        await (await Status(client, goalId, "active")).ShouldBe(OK);

        var items = (await _api.Timeline(client, "?kinds=goal-set,goal-status-changed"))["items"]!.AsArray();
        items.ShouldHaveSingleItem()!["kind"]!.GetValue<string>().ShouldBe("goal-set");
    }

    [Fact]
    public async Task racing_first_puts_of_one_goal_give_one_201_and_the_rest_200()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Set(client, goalId, AGoal($"wording {i}"))));

        responses.Count(r => r.StatusCode == Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == OK).ShouldBe(3);
        (await Goals(client)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_goal_is_a_404_for_a_review_and_a_status()
    {
        var client = await _api.EnrolledClient();
        await (await Review(client, Guid.NewGuid(), new { progress = 5 })).ShouldBeProblem(NotFound);
        await (await Status(client, Guid.NewGuid(), "achieved")).ShouldBeProblem(NotFound);
        var goalId = Guid.NewGuid();
        await Set(client, goalId);
        var elsewhere = await _api.EnrolledClient(client.Tenant, clinician: client.Clinician);
        await (await Review(elsewhere, goalId, new { progress = 5 })).ShouldBeProblem(NotFound);
        await (await _api.Post($"/api/clients/{client.Id}/goals/not-a-uuid/status", client.Clinician, new { status = "achieved" }))
            .ShouldBeProblem(NotFound);
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_each_field_and_stores_nothing()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();

        await (await Set(client, goalId, new { })).ShouldBeValidationProblem("area", "statement");
        await (await Set(client, goalId, new { area = "finances", statement = "", targetDate = "2027-02-30" }))
            .ShouldBeValidationProblem("area", "statement", "targetDate");
        await (await Set(client, goalId, new { area = "trauma", statement = new string('x', 301), targetDate = "2027-03-01T00:00:00Z" }))
            .ShouldBeValidationProblem("statement", "targetDate");
        foreach (var notADate in new[] { "1/3/2027", "2027-3-1", " 2027-03-01", "2027-03-01 ", "27-03-01", "2027-W09" })
            await (await Set(client, goalId, new { area = "trauma", statement = "s", targetDate = notADate })).ShouldBeValidationProblem("targetDate");
        await (await Set(client, goalId, new { area = "trauma", statement = "s", targetDate = 20270301 })).ShouldBeValidationProblem("targetDate");
        (await Goals(client)).ShouldBeEmpty();

        await Set(client, goalId);
        await (await Review(client, goalId, new { })).ShouldBeValidationProblem("progress");
        await (await Review(client, goalId, new { progress = 11, note = new string('x', 2001) })).ShouldBeValidationProblem("progress", "note");
        await (await Review(client, goalId, new { progress = 5.5 })).ShouldBeValidationProblem("progress");
        await (await Review(client, goalId, new { progress = -1 })).ShouldBeValidationProblem("progress");
        await (await Status(client, goalId, "paused")).ShouldBeValidationProblem("status");
        await (await _api.Post($"/api/clients/{client.Id}/goals/{goalId}/status", client.Clinician, new { })).ShouldBeValidationProblem("status");

        var goal = (await Goals(client)).ShouldHaveSingleItem()!;
        goal["reviews"]!.AsArray().ShouldBeEmpty();
        goal["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task the_client_reads_its_goals_unlogged_but_may_not_write_them()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();
        await Set(client, goalId);

        await (await Set(client, goalId, by: client.Self)).ShouldBeProblem(Forbidden);
        await (await Review(client, goalId, new { progress = 5 }, client.Self)).ShouldBeProblem(Forbidden);
        await (await Status(client, goalId, "achieved", client.Self)).ShouldBeProblem(Forbidden);
        await (await Set(client, goalId, by: _api.Admin(client.Tenant))).ShouldBeProblem(Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/goals", _api.Admin(client.Tenant))).ShouldBeProblem(Forbidden);

        (await Goals(client)).Count.ShouldBe(1);
        (await AccessLog(client)).ShouldNotContain(e => e!["action"]!.GetValue<string>() == "goals.read");
    }

    [Fact]
    public async Task a_clinicians_read_is_logged_as_goals_read()
    {
        var client = await _api.EnrolledClient();
        await Goals(client, client.Clinician);

        var entry = (await AccessLog(client)).First(e => e!["action"]!.GetValue<string>() == "goals.read")!;
        entry["actorId"]!.GetValue<Guid>().ShouldBe(client.Clinician.Id);
        entry["actorRole"]!.GetValue<string>().ShouldBe("clinician");
    }

    [Fact]
    public async Task a_clinician_off_the_team_or_in_another_clinic_gets_404()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();
        await Set(client, goalId);
        foreach (var outsider in new[] { _api.Clinician(client.Tenant), _api.Clinician(_api.NewClinic(), client.Clinician.Id) })
        {
            await (await Set(client, goalId, by: outsider)).ShouldBeProblem(NotFound);
            await (await Review(client, goalId, new { progress = 5 }, outsider)).ShouldBeProblem(NotFound);
            await (await Status(client, goalId, "dropped", outsider)).ShouldBeProblem(NotFound);
            await (await _api.Get($"/api/clients/{client.Id}/goals", outsider)).ShouldBeProblem(NotFound);
        }
        await (await _api.Send(HttpMethod.Put, $"/api/clients/{Guid.NewGuid()}/goals/{goalId}", client.Clinician, AGoal()))
            .ShouldBeProblem(NotFound);
        (await Goals(client)).ShouldHaveSingleItem()!["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task each_step_is_on_the_timeline_recorded_by_the_clinician()
    {
        var client = await _api.EnrolledClient();
        var goalId = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Set(client, goalId, AGoal("Rebuild trust with my partner", "relationships", "2027-06-30"));
        await Review(client, goalId, new { progress = 4, note = "honest talk on Sunday" });
        await Status(client, goalId, "achieved");

        var items = (await _api.Timeline(client, "?kinds=goal-set,goal-reviewed,goal-status-changed"))["items"]!.AsArray();

        items.Select(i => i!["kind"]!.GetValue<string>()).ShouldBe(["goal-status-changed", "goal-reviewed", "goal-set"], "newest first");
        items.ShouldAllBe(i => i!["recordedBy"]!.GetValue<string>() == "clinician");
        items.ShouldAllBe(i => i!["goalId"]!.GetValue<Guid>() == goalId);
        items.ShouldAllBe(i => i!["occurredAt"]!.GetValue<DateTimeOffset>() > before);
        items.Select(i => i!["id"]!.GetValue<Guid>()).Distinct().Count().ShouldBe(3);
        var set = items[2]!;
        set["area"]!.GetValue<string>().ShouldBe("relationships");
        set["statement"]!.GetValue<string>().ShouldBe("Rebuild trust with my partner");
        set["targetDate"]!.GetValue<string>().ShouldBe("2027-06-30");
        items[1]!["progress"]!.GetValue<int>().ShouldBe(4);
        items[1]!["note"]!.GetValue<string>().ShouldBe("honest talk on Sunday");
        items[0]!["status"]!.GetValue<string>().ShouldBe("achieved");
    }
}

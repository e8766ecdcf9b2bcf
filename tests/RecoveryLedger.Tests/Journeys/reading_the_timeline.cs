using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class reading_the_timeline(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<Guid> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();

    private async Task<List<Guid>> ReadAll(Client client, string filters, int limit)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await _api.Timeline(client, $"?limit={limit}{filters}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            ids.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return ids;
    }

    [Fact]
    public async Task by_ids_answers_exactly_those_items_in_timeline_order_whatever_else_is_asked()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: T0.AddDays(-30));
        var other = await _api.EnrolledClient(client.Tenant, sobrietyStartedAt: T0.AddDays(-30));
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), elsewhere = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(T0.AddHours(1), id: a), Entries.Lapse(T0.AddHours(2), "middle", id: b), Entries.CheckIn(T0.AddHours(3), id: c));
        await _api.Append(other, Entries.Urge(T0.AddHours(4), id: elsewhere));

        var page = await _api.Timeline(client, $"?ids={a},{c},{elsewhere},{Guid.NewGuid()}&kinds=lapse&limit=1");

        Ids(page).ShouldBe([c, a]); // another client's entry and an unknown id are simply absent
        page["nextCursor"].ShouldBeNull();
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("51")]
    public async Task by_ids_refuses_a_list_that_is_not_1_to_50_uuids(string ids)
    {
        var client = await _api.EnrolledClient();
        var list = ids == "51" ? string.Join(",", Enumerable.Range(0, 51).Select(_ => Guid.NewGuid())) : ids;
        await (await _api.Get($"/api/clients/{client.Id}/timeline?ids={list}", client.Self)).ShouldBeValidationProblem("ids");
    }

    [Fact]
    public async Task items_come_newest_occurred_first_whatever_the_arrival_order()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: T0.AddDays(-30));
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(T0.AddHours(2), id: b));
        await _api.Append(client, Entries.Urge(T0.AddHours(3), id: c), Entries.Urge(T0.AddHours(1), id: a));

        var page = await _api.Timeline(client, "?kinds=urge");

        Ids(page).ShouldBe([c, b, a]);
        page["nextCursor"].ShouldBeNull();
    }

    [Fact]
    public async Task items_carry_their_kind_fields_and_who_recorded_them()
    {
        var client = await _api.EnrolledClient(timeZone: "Asia/Kolkata");
        await _api.Append(client, Entries.Urge(T0, intensity: 8, triggers: ["loneliness", "late-night"]), Entries.CheckIn(T0.AddHours(1), mood: 2, craving: 7));

        var items = (await _api.Timeline(client))["items"]!.AsArray();
        items[0]!["kind"]!.GetValue<string>().ShouldBe("enrolled"); // enrolled just now: the newest item

        var checkIn = items[1]!;
        checkIn["kind"]!.GetValue<string>().ShouldBe("check-in");
        checkIn["mood"]!.GetValue<int>().ShouldBe(2);
        checkIn["halt"]!["lonely"]!.GetValue<bool>().ShouldBeTrue();
        checkIn["halt"]!["hungry"]!.GetValue<bool>().ShouldBeFalse();
        var urge = items[2]!;
        urge["intensity"]!.GetValue<int>().ShouldBe(8);
        urge["triggers"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["loneliness", "late-night"]);
        urge["recordedBy"]!.GetValue<string>().ShouldBe("client");
        urge["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-01T12:00:00+00:00");
        DateTimeOffset.Parse(urge["recordedAt"]!.GetValue<string>()).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        var enrolled = items.Single(i => i!["kind"]!.GetValue<string>() == "enrolled")!;
        enrolled["timeZone"]!.GetValue<string>().ShouldBe("Asia/Kolkata");
        enrolled["recordedBy"]!.GetValue<string>().ShouldBe("clinician");
    }

    [Fact]
    public async Task kinds_from_and_to_filter_on_occurred_at()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: T0.AddDays(-30));
        Guid inside = Guid.NewGuid(), atTo = Guid.NewGuid(), before = Guid.NewGuid(), lapse = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(T0, id: inside), Entries.Urge(T0.AddHours(1), id: atTo),
            Entries.Urge(T0.AddHours(-1), id: before), Entries.Lapse(T0.AddMinutes(30), "middle", id: lapse));

        var from = Uri.EscapeDataString(ApiDriver.Iso(T0));
        var to = Uri.EscapeDataString(ApiDriver.Iso(T0.AddHours(1)));
        Ids(await _api.Timeline(client, $"?from={from}&to={to}&kinds=urge,lapse")).ShouldBe([lapse, inside]);
        Ids(await _api.Timeline(client, $"?from={from}&to={to}&kinds=urge")).ShouldBe([inside]);
    }

    [Fact]
    public async Task paging_by_cursor_visits_every_item_once()
    {
        var client = await _api.EnrolledClient();
        var ids = Enumerable.Range(0, 23).Select(_ => Guid.NewGuid()).ToList();
        // Several entries share an occurredAt: the tie-breakers must still give one total order.
        await _api.Append(client, ids.Select((id, i) => Entries.Urge(T0.AddMinutes(i / 3), id: id)).ToArray());

        var read = await ReadAll(client, "&kinds=urge", limit: 5);

        read.Count.ShouldBe(23);
        read.ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public async Task paging_across_concurrent_appends_never_skips_or_repeats()
    {
        var client = await _api.EnrolledClient();
        var original = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await _api.Append(client, original.Select((id, i) => Entries.Urge(T0.AddHours(i), id: id)).ToArray());

        var first = await _api.Timeline(client, "?kinds=urge&limit=7");
        // Meanwhile: newer entries, and late entries that occurred in the middle of the pages still to come.
        await _api.Append(client, Entries.Urge(T0.AddDays(5)), Entries.Urge(T0.AddHours(3.5)), Entries.Urge(T0.AddHours(-5)));
        var seen = Ids(first);
        var cursor = first["nextCursor"]!.GetValue<string>();
        while (cursor is not null)
        {
            var page = await _api.Timeline(client, $"?kinds=urge&limit=7&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        }

        seen.ShouldBe(original.AsEnumerable().Reverse().ToList());
    }

    [Fact]
    public async Task as_of_leaves_out_what_was_recorded_later()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: T0.AddDays(-30));
        var early = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(T0, id: early));
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await _api.Append(client, Entries.Urge(T0.AddMinutes(-5)));

        var asOf = Uri.EscapeDataString(ApiDriver.Iso(between));
        Ids(await _api.Timeline(client, $"?kinds=urge&asOf={asOf}")).ShouldBe([early]);
        Ids(await _api.Timeline(client, "?kinds=urge")).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=garbled", "cursor")]
    [InlineData("?kinds=urge,dream", "kinds")]
    [InlineData("?from=2026-11-01T10:00:00", "from")]
    [InlineData("?asOf=yesterday", "asOf")]
    public async Task bad_parameters_are_a_400_naming_them(string query, string field)
    {
        var client = await _api.EnrolledClient();
        await (await _api.Get($"/api/clients/{client.Id}/timeline{query}", client.Self)).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task limits_1_and_200_are_allowed()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.Urge(T0), Entries.Urge(T0.AddHours(1)));
        (await _api.Timeline(client, "?limit=1"))["items"]!.AsArray().Count.ShouldBe(1);
        (await _api.Timeline(client, "?limit=200"))["items"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_care_team_clinician_reads_it_others_do_not()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Get($"/api/clients/{client.Id}/timeline", client.Clinician)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", _api.Clinician(client.Tenant))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", _api.ClientActor(client.Tenant, Guid.NewGuid()))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", _api.Clinician(_api.NewClinic(), client.Clinician.Id))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", _api.Admin(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/timeline", _api.Analyst(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_same_client_id_in_two_clinics_has_two_timelines()
    {
        var inA = await _api.EnrolledClient();
        var clinicB = _api.NewClinic();
        var clinicianB = _api.Clinician(clinicB);
        await (await _api.Post("/api/clients", clinicianB, new { clientId = inA.Id, pseudonym = "B", timeZone = "UTC",
            sobrietyStartedAt = ApiDriver.Iso(T0) })).ShouldBe(HttpStatusCode.Created);
        var inB = new Client(inA.Id, clinicB, clinicianB, _api.ClientActor(clinicB, inA.Id));

        await _api.Append(inA, Entries.Urge(T0), Entries.Urge(T0.AddHours(1)));
        await _api.Append(inB, Entries.Lapse(T0));

        (await _api.Timeline(inA, "?kinds=urge,lapse"))["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).ShouldBe(["urge", "urge"]);
        (await _api.Timeline(inB, "?kinds=urge,lapse"))["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).ShouldBe(["lapse"]);
        (await _api.Streak(inA))["innerLapses"]!.GetValue<int>().ShouldBe(0);
        (await _api.Streak(inB))["innerLapses"]!.GetValue<int>().ShouldBe(1);
    }
}

using Marten;
using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Tests.Journeys;

[Collection(ApiCollection.Name)]
public sealed class reading_the_streak(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(ApiDriver.Iso(at));

    [Fact]
    public async Task answers_every_field_of_the_contract()
    {
        var started = DateTimeOffset.UtcNow.AddDays(-20);
        var client = await _api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: started);

        var streak = await _api.Streak(client);

        streak["clientId"]!.GetValue<Guid>().ShouldBe(client.Id);
        streak["timeZone"]!.GetValue<string>().ShouldBe("UTC");
        streak["currentStreakDays"]!.GetValue<int>().ShouldBe(20);
        streak["longestStreakDays"]!.GetValue<int>().ShouldBe(20);
        streak["totalSoberDays"]!.GetValue<int>().ShouldBe(20);
        streak["innerLapses"]!.GetValue<int>().ShouldBe(0);
        streak["middleSlips"]!.GetValue<int>().ShouldBe(0);
        streak.ContainsKey("lastLapseAt").ShouldBeTrue();
        streak["lastLapseAt"].ShouldBeNull();
        streak["milestones"]!.AsArray().Select(m => m!["days"]!.GetValue<int>()).ShouldBe([1, 7, 14]);
        streak["milestones"]![0]!["reachedOn"]!.GetValue<string>().ShouldBe(DateOnly.FromDateTime(started.UtcDateTime.AddDays(1)).ToString("yyyy-MM-dd"));
        streak["nextMilestoneDays"]!.GetValue<int>().ShouldBe(30);
    }

    [Fact]
    public async Task an_inner_lapse_restarts_it_and_a_middle_slip_does_not()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: now.AddDays(-40));
        await _api.Append(client, Entries.Lapse(now.AddDays(-10), "inner"), Entries.Lapse(now.AddDays(-3), "middle"));

        var streak = await _api.Streak(client);

        streak["currentStreakDays"]!.GetValue<int>().ShouldBe(10);
        streak["longestStreakDays"]!.GetValue<int>().ShouldBe(30);
        streak["innerLapses"]!.GetValue<int>().ShouldBe(1);
        streak["middleSlips"]!.GetValue<int>().ShouldBe(1);
        DateTimeOffset.Parse(streak["lastLapseAt"]!.GetValue<string>()).ShouldBe(Micro(now.AddDays(-10)), TimeSpan.FromMilliseconds(1));
        streak["totalSoberDays"]!.GetValue<int>().ShouldBe(39);
    }

    [Fact]
    public async Task a_late_back_dated_lapse_changes_history_not_the_current_streak()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: now.AddDays(-60));
        await _api.Append(client, Entries.Lapse(now.AddDays(-5), "inner"));
        var before = await _api.Streak(client);

        await _api.Append(client, Entries.Lapse(now.AddDays(-30), "inner"));
        var after = await _api.Streak(client);

        after["currentStreakDays"]!.GetValue<int>().ShouldBe(before["currentStreakDays"]!.GetValue<int>());
        before["longestStreakDays"]!.GetValue<int>().ShouldBe(55);
        after["longestStreakDays"]!.GetValue<int>().ShouldBe(30);
        after["innerLapses"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task as_of_answers_as_it_stood_then()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: now.AddDays(-30));
        var beforeLapse = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await _api.Append(client, Entries.Lapse(now.AddDays(-20), "inner"));

        var then = await _api.Streak(client, $"?asOf={Q(beforeLapse)}");
        var tenDaysAgo = await _api.Streak(client, $"?asOf={Q(beforeLapse.AddDays(-10))}");

        then["innerLapses"]!.GetValue<int>().ShouldBe(0);
        then["currentStreakDays"]!.GetValue<int>().ShouldBe(30);
        tenDaysAgo["currentStreakDays"]!.GetValue<int>().ShouldBe(20);
        (await _api.Streak(client))["currentStreakDays"]!.GetValue<int>().ShouldBe(20);
    }

    [Fact]
    public async Task counts_calendar_days_in_the_clients_zone()
    {
        // 23:30 in Auckland is 10:30 UTC the same day: the streak starts on that local date, so the
        // next local morning is day 1 and milestones fall on local dates.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
        var localLapse = new DateTime(2026, 11, 20, 23, 30, 0);
        var lapse = new DateTimeOffset(localLapse, zone.GetUtcOffset(localLapse));
        var client = await _api.EnrolledClient(timeZone: "Pacific/Auckland", sobrietyStartedAt: lapse.AddDays(-10));
        await _api.Append(client, Entries.Lapse(lapse, "inner"));

        var streak = await _api.Streak(client);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        streak["currentStreakDays"]!.GetValue<int>().ShouldBe(today.DayNumber - new DateOnly(2026, 11, 20).DayNumber);
        streak["milestones"]!.AsArray()[0]!["reachedOn"]!.GetValue<string>().ShouldBe("2026-11-21");
    }

    [Fact]
    public async Task a_bad_as_of_is_a_400_and_out_of_reach_is_a_404()
    {
        var client = await _api.EnrolledClient();
        await (await _api.Get($"/api/clients/{client.Id}/streak?asOf=2026-11-01", client.Self)).ShouldBeValidationProblem("asOf");
        await (await _api.Get($"/api/clients/{client.Id}/streak", _api.Clinician(client.Tenant))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _api.Get($"/api/clients/{client.Id}/streak", _api.Admin(client.Tenant))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _api.Get($"/api/clients/{client.Id}/streak", client.Clinician)).ShouldBe(HttpStatusCode.OK);
    }

    private static DateTimeOffset Micro(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>
    /// The streak's frame is its own bounded document, written at enrolment and milestones; each lapse is a row
    /// of <c>lapse_mark</c>. Neither the journey (rewritten by every append) nor the frame grows with the lapses,
    /// and a check-in writes neither the frame nor a row (issue 16).
    /// </summary>
    [Fact]
    public async Task lapses_are_rows_apart_from_the_journey_and_its_frame()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(timeZone: "UTC", sobrietyStartedAt: now.AddDays(-40));
        await _api.Append(client, Entries.Lapse(now.AddDays(-10), "inner"), Entries.Lapse(now.AddDays(-5), "middle"));
        await using var before = app.Store.QuerySession(client.Tenant);
        var frame = await before.Json.FindByIdAsync<SobrietyHistory>(client.Id);
        var written = (await before.MetadataForAsync((await before.LoadAsync<SobrietyHistory>(client.Id))!))!.LastModified;
        var journeySize = (await before.Json.FindByIdAsync<Journey>(client.Id))!.Length;
        (await LapseRows(before, client.Id)).ShouldBe(2);

        await _api.Append(client, Entries.Lapse(now.AddDays(-4), "middle"), Entries.Lapse(now.AddDays(-3), "inner"));
        await _api.Append(client, Entries.CheckIn(now.AddHours(-1)));
        await using var after = app.Store.QuerySession(client.Tenant);
        (await LapseRows(after, client.Id)).ShouldBe(4);
        (await after.Json.FindByIdAsync<Journey>(client.Id))!.Length.ShouldBe(journeySize); // two more lapses, not one byte more
        (await after.Json.FindByIdAsync<SobrietyHistory>(client.Id)).ShouldBe(frame);
        (await after.MetadataForAsync((await after.LoadAsync<SobrietyHistory>(client.Id))!))!.LastModified.ShouldBe(written);
        var streak = await _api.Streak(client);
        streak["innerLapses"]!.GetValue<int>().ShouldBe(2);
        streak["middleSlips"]!.GetValue<int>().ShouldBe(2);
        streak["currentStreakDays"]!.GetValue<int>().ShouldBe(3);
    }

    private static async Task<long> LapseRows(IQuerySession session, Guid clientId) =>
        (await session.AdvancedSql.QueryAsync<long>("select count(*) from recoveryledger.lapse_mark where tenant_id = ? and client_id = ?",
            CancellationToken.None, session.TenantId, clientId)).Single();
}

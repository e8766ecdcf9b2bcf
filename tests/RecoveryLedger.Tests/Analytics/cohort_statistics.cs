using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using RecoveryLedger.Api.Analytics;

namespace RecoveryLedger.Tests.Analytics;

/// <summary>A hand-built clinic whose statistics are known exactly.</summary>
[Collection(ApiCollection.Name)]
public sealed class cohort_statistics(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private const string Marker = "ANALYTICSMARKER";
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z");

    /// <summary>12 clients: all urge, cope and (11 of them) attend in the week of 2026-11-09; 3 slip; 1 misses a session;
    /// 5 check in the next week; 3 lapse on day 10 of their programme.</summary>
    private async Task<(Actor Analyst, List<Client> Clients)> TwelveClients()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var clients = new List<Client>();
        for (var i = 0; i < 12; i++)
        {
            var client = await _api.EnrolledClient(clinician: clinician, timeZone: "UTC", sobrietyStartedAt: Utc("2026-10-01T08:00:00"),
                pseudonym: $"{Marker}-{i}");
            var entries = new List<object>
            {
                Entries.Urge(Utc("2026-11-10T20:15:00"), i % 5 + 4, triggers: i == 0 ? ["stress", "alcohol"] : ["stress"], note: Marker),
                new { id = Guid.NewGuid(), kind = "coping", occurredAt = "2026-11-11T09:00:00Z", strategy = "mindfulness", outcome = "resisted", note = Marker },
            };
            if (i < 2) entries.Add(new { id = Guid.NewGuid(), kind = "coping", occurredAt = "2026-11-11T10:00:00Z", strategy = "exercise", outcome = "partly" });
            if (i < 3) entries.Add(Entries.Lapse(Utc("2026-11-12T22:00:00"), "middle", note: Marker));
            if (i < 3) entries.Add(Entries.Lapse(Utc("2026-10-11T12:00:00"), "inner"));
            if (i < 5) entries.Add(Entries.CheckIn(Utc("2026-11-17T08:00:00"), note: Marker));
            if (i == 0) entries.Add(Entries.CheckIn(Utc("2026-11-23T08:00:00")));
            await _api.Append(client, entries.ToArray());
            await _api.Append(client, client.Clinician, Entries.Session(Utc("2026-11-13T15:00:00"), attended: i != 11));
            clients.Add(client);
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return (_api.Analyst(clinician.Tenant), clients);
    }

    private async Task<JsonObject> Read(Actor analyst, string path)
    {
        var response = await _api.Get(path, analyst);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    [Fact]
    public async Task no_longer_count_an_erased_client()
    {
        var (analyst, clients) = await TwelveClients();
        const string cohort = "/api/analytics/cohort?from=2026-11-09&to=2026-11-15";
        (await Read(analyst, cohort))["weeks"]!.AsArray()[0]!["activeClients"]!.GetValue<int>().ShouldBe(12);

        var erased = await _api.Post($"/api/clients/{clients[0].Id}/erasure", _api.Admin(clients[0].Tenant), new { retentionReviewed = true });
        await erased.ShouldBe(HttpStatusCode.NoContent);
        await _api.Judged();

        var week = (await Read(analyst, cohort))["weeks"]!.AsArray()[0]!;
        week["activeClients"]!.GetValue<int>().ShouldBe(11);
        week["urges"]!.GetValue<int>().ShouldBe(11);
    }

    [Fact]
    public async Task give_exact_numbers_with_small_cells_withheld()
    {
        var (analyst, clients) = await TwelveClients();

        var cohort = await Read(analyst, "/api/analytics/cohort?from=2026-11-09&to=2026-11-22");

        cohort["k"]!.GetValue<int>().ShouldBe(11);
        var weeks = cohort["weeks"]!.AsArray();
        weeks.Count.ShouldBe(2); // the week of 11-23 lies outside "to"
        var first = weeks[0]!;
        first["weekStart"]!.GetValue<string>().ShouldBe("2026-11-09");
        first["activeClients"]!.GetValue<int>().ShouldBe(12);
        first["urges"]!.GetValue<int>().ShouldBe(12);
        first["meanUrgeIntensity"]!.GetValue<double>().ShouldBe(5.75); // (4+5+6+7+8)·2 + 4 + 5 = 69 over 12
        first["copingSuccesses"]!.GetValue<int>().ShouldBe(14);
        first["innerLapses"]!.GetValue<int>().ShouldBe(0);              // a count of 0 stays 0
        first["middleSlips"].ShouldBeNull();                             // 3 clients
        first["sessionsAttended"]!.GetValue<int>().ShouldBe(11);
        first["sessionsMissed"].ShouldBeNull();                          // 1 client
        first["meanPhq9"].ShouldBeNull();                                // no measures: a mean over nothing, not withheld
        first["meanGad7"].ShouldBeNull();
        first["csbd19AtOrAboveCutoff"]!.GetValue<int>().ShouldBe(0);
        first["suppressedFields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["middleSlips", "sessionsMissed"], ignoreOrder: true);

        var second = weeks[1]!; // 5 active clients: withheld whole
        second["weekStart"]!.GetValue<string>().ShouldBe("2026-11-16");
        second["activeClients"].ShouldBeNull();
        second["urges"].ShouldBeNull();
        second["meanPhq9"].ShouldBeNull();
        second["suppressedFields"]!.AsArray().Count.ShouldBe(11);

        var heatmap = (await Read(analyst, "/api/analytics/heatmap?from=2026-11-09&to=2026-11-15"))["cells"]!.AsArray();
        heatmap.Single(c => c!["trigger"]!.GetValue<string>() == "stress")!["urges"]!.GetValue<int>().ShouldBe(12);
        heatmap.Single(c => c!["trigger"]!.GetValue<string>() == "stress")!["hour"]!.GetValue<int>().ShouldBe(20);
        heatmap.Single(c => c!["trigger"]!.GetValue<string>() == "alcohol")!["urges"].ShouldBeNull();

        var coping = (await Read(analyst, "/api/analytics/coping"))["strategies"]!.AsArray();
        var mindfulness = coping.Single(s => s!["strategy"]!.GetValue<string>() == "mindfulness")!;
        mindfulness["uses"]!.GetValue<int>().ShouldBe(12);
        mindfulness["resistedRate"]!.GetValue<double>().ShouldBe(1.0);
        coping.Single(s => s!["strategy"]!.GetValue<string>() == "exercise")!["uses"].ShouldBeNull();

        var survival = await Read(analyst, "/api/analytics/survival");
        survival["clients"]!.GetValue<int>().ShouldBe(12);
        survival["suppressed"]!.GetValue<bool>().ShouldBeFalse();
        var points = survival["points"]!.AsArray();
        points.Select(p => (p!["day"]!.GetValue<int>(), p["atRisk"]!.GetValue<int>(), p["events"]!.GetValue<int>(), p["survival"]!.GetValue<double>()))
            .ShouldBe([(0, 12, 0, 1.0), (10, 12, 3, 0.75)]);

        var everything = cohort.ToJsonString() + heatmap.ToJsonString() + coping.ToJsonString() + survival.ToJsonString();
        everything.ShouldNotContain(Marker);
        foreach (var client in clients) everything.ShouldNotContain(client.Id.ToString());
    }

    private static object Csbd19(DateTimeOffset at, int score) => Entries.Measure(at, "csbd-19", Entries.Answers(19, 1, 4, score, []));

    private static string[] Suppressed(JsonNode week) => week["suppressedFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray();

    /// <summary>
    /// 12 clients. Week of 11-09: a PHQ-9 each (score i + 2; the clinician records the odd ones) and client 0 a second (20);
    /// a GAD-7 from 11 of them (3..6); CSBD-19s where client 0 goes below → above the cut-off, client 1 above → below
    /// (its "above" synced late, dated earlier), clients 2–11 above.
    /// Week of 11-16: all check in, 3 PHQ-9, 2 CSBD-19 below. Week of 11-23: only the new kinds — 11 thought records and
    /// a clinician's CSBD-19 for the twelfth client, above the cut-off like 4 others.
    /// </summary>
    [Fact]
    public async Task give_exact_measure_figures_with_small_cells_withheld()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var clients = new List<Client>();
        for (var i = 0; i < 12; i++)
        {
            var client = await _api.EnrolledClient(clinician: clinician, timeZone: "UTC", sobrietyStartedAt: Utc("2026-10-01T08:00:00"));
            var phq9 = Entries.Phq9(Utc("2026-11-10T09:00:00"), i + 2);
            if (i % 2 == 1) await _api.Append(client, client.Clinician, phq9); else await _api.Append(client, phq9);
            var entries = new List<object> { Entries.CheckIn(Utc("2026-11-17T08:00:00")) };
            if (i == 0) entries.Add(Entries.Phq9(Utc("2026-11-12T09:00:00"), 20));
            if (i < 11) entries.Add(Entries.Gad7(Utc("2026-11-10T09:05:00"), i % 4 + 3));
            entries.Add(i switch
            {
                0 => Csbd19(Utc("2026-11-10T09:10:00"), 40),
                1 => Csbd19(Utc("2026-11-12T09:10:00"), 45),
                _ => Csbd19(Utc("2026-11-12T09:10:00"), 55),
            });
            if (i == 0) entries.Add(Csbd19(Utc("2026-11-13T09:10:00"), 52));
            if (i < 3) entries.Add(Entries.Phq9(Utc("2026-11-18T09:00:00"), 9));
            if (i < 2) entries.Add(Csbd19(Utc("2026-11-18T09:10:00"), 30));
            if (i < 11) entries.Add(Entries.ThoughtRecord(Utc("2026-11-24T21:00:00")));
            if (i < 4) entries.Add(Csbd19(Utc("2026-11-24T09:10:00"), 70));
            await _api.Append(client, entries.ToArray());
            if (i == 11) await _api.Append(client, client.Clinician, Csbd19(Utc("2026-11-25T15:00:00"), 70));
            clients.Add(client);
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        // Synced late, dated earlier in the week: the later-dated CSBD-19 (45) still decides.
        await _api.Append(clients[1], Csbd19(Utc("2026-11-10T09:10:00"), 60));
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var weeks = (await Read(_api.Analyst(clinician.Tenant), "/api/analytics/cohort?from=2026-11-09&to=2026-11-29"))["weeks"]!.AsArray();

        weeks.Select(w => w!["weekStart"]!.GetValue<string>()).ShouldBe(["2026-11-09", "2026-11-16", "2026-11-23"]);
        var first = weeks[0]!;
        first["activeClients"]!.GetValue<int>().ShouldBe(12);
        first["meanPhq9"]!.GetValue<double>().ShouldBe(8.46);               // (2 + 3 + … + 13) + 20 = 110 over 13, clinician's and client's
        first["meanGad7"]!.GetValue<double>().ShouldBe(4.36);               // (3+4+5+6)·2 + 3+4+5 = 48 over 11: exactly k clients
        first["csbd19AtOrAboveCutoff"]!.GetValue<int>().ShouldBe(11);       // clients 0 and 2–11; not 1
        Suppressed(first).ShouldBeEmpty();

        var second = weeks[1]!;
        second["activeClients"]!.GetValue<int>().ShouldBe(12);
        second["meanPhq9"].ShouldBeNull();                                  // 3 clients
        second["meanGad7"].ShouldBeNull();                                  // none: not withheld, nothing to show
        second["csbd19AtOrAboveCutoff"]!.GetValue<int>().ShouldBe(0);       // a count of 0 stays 0
        Suppressed(second).ShouldBe(["meanPhq9"]);

        var third = weeks[2]!;
        third["activeClients"]!.GetValue<int>().ShouldBe(12);               // thought records and measures are entries
        third["csbd19AtOrAboveCutoff"].ShouldBeNull();                      // 5 clients
        Suppressed(third).ShouldBe(["csbd19AtOrAboveCutoff"]);
    }

    [Fact]
    public async Task withhold_everything_below_k()
    {
        var clinician = _api.Clinician(_api.NewClinic());
        for (var i = 0; i < 10; i++)
        {
            var client = await _api.EnrolledClient(clinician: clinician, timeZone: "UTC", sobrietyStartedAt: Utc("2026-10-01T08:00:00"));
            await _api.Append(client, Entries.Urge(Utc("2026-11-10T20:15:00"), 8), Entries.Coping(Utc("2026-11-10T21:00:00")),
                Entries.Lapse(Utc("2026-10-05T12:00:00")));
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var analyst = _api.Analyst(clinician.Tenant);

        var week = (await Read(analyst, "/api/analytics/cohort?from=2026-11-01&to=2026-11-30"))["weeks"]!.AsArray().Single()!;
        week["activeClients"].ShouldBeNull();
        week["suppressedFields"]!.AsArray().Count.ShouldBe(11);
        (await Read(analyst, "/api/analytics/heatmap"))["cells"]!.AsArray().ShouldAllBe(c => c!["urges"] == null);
        (await Read(analyst, "/api/analytics/coping"))["strategies"]!.AsArray().ShouldAllBe(s => s!["uses"] == null && s["resistedRate"] == null);
        var survival = await Read(analyst, "/api/analytics/survival");
        survival["suppressed"]!.GetValue<bool>().ShouldBeTrue();
        survival["clients"].ShouldBeNull();
        survival["points"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task rebuilt_from_zero_give_identical_numbers()
    {
        var (analyst, _) = await TwelveClients();
        string[] paths = ["/api/analytics/cohort?from=2026-11-01&to=2026-11-30", "/api/analytics/heatmap", "/api/analytics/coping", "/api/analytics/survival"];
        var before = await Task.WhenAll(paths.Select(async p => (await Read(analyst, p)).ToJsonString()));

        await app.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(ClientAnalytics));
        (await Read(analyst, paths[0]))["weeks"]!.AsArray().ShouldBeEmpty();
        using (var daemon = await app.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(AnalyticsProjection.Name, CancellationToken.None);

        var after = await Task.WhenAll(paths.Select(async p => (await Read(analyst, p)).ToJsonString()));
        after.ShouldBe(before);

        using (var daemon = await app.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(AnalyticsProjection.Name, CancellationToken.None); // over existing data
        (await Task.WhenAll(paths.Select(async p => (await Read(analyst, p)).ToJsonString()))).ShouldBe(before);
    }

    [Theory]
    [InlineData("?from=2026-11-01", "to")]
    [InlineData("?to=2026-11-01", "from")]
    [InlineData("?from=2026-11-31&to=2026-12-01", "from")]
    [InlineData("?from=2026-12-01&to=2026-11-01", "to")]
    public async Task a_bad_date_range_is_a_400(string query, string field)
    {
        await (await _api.Get($"/api/analytics/cohort{query}", _api.Analyst(_api.NewClinic()))).ShouldBeValidationProblem(field);
    }
}

/// <summary>The pure table, where the order of a client's day buckets is not the calendar's.</summary>
public sealed class the_cohort_table
{
    [Fact]
    public void takes_each_clients_latest_csbd19_of_the_week_by_date_not_by_bucket_order()
    {
        ClientAnalytics Client(int later, int earlier) => new()
        {
            Id = Guid.NewGuid(),
            Days = new() { ["2026-11-12"] = new DayCounts { Entries = 1, Csbd19Score = later }, ["2026-11-10"] = new DayCounts { Entries = 1, Csbd19Score = earlier } },
        };
        var clients = Enumerable.Range(0, 11).Select(_ => Client(later: 55, earlier: 40))
            .Concat(Enumerable.Range(0, 3).Select(_ => Client(later: 45, earlier: 60))).ToList();

        var week = CohortTable.Build(clients, new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 15)).Weeks.Single();

        week.ActiveClients.ShouldBe(14);
        week.Csbd19AtOrAboveCutoff.ShouldBe(11);
        week.SuppressedFields.ShouldBeEmpty();
    }
}

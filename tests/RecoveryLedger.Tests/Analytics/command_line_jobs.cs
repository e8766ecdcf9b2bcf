using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Parquet.Serialization;
using RecoveryLedger.Api.Alerts.Replaying;
using RecoveryLedger.Api.Analytics;
using RecoveryLedger.Api.Analytics.Exporting;
using RecoveryLedger.Tests.Alerts;

namespace RecoveryLedger.Tests.Analytics;

[Collection(ApiCollection.Name)]
public sealed class command_line_jobs(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private const string Marker = "EXPORTMARKER";
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z");

    /// <summary>11 clients, each with three urges and a lapse; with measures also a PHQ-9 (score i), a GAD-7 (i mod 3) and a CSBD-19 of 60.</summary>
    private async Task<(string Clinic, List<Client> Clients)> ElevenClientsUrging(bool withMeasures = false)
    {
        var clinician = _api.Clinician(_api.NewClinic());
        var clients = new List<Client>();
        for (var i = 0; i < 11; i++)
        {
            var client = await _api.EnrolledClient(clinician: clinician, timeZone: "UTC", sobrietyStartedAt: Utc("2026-10-01T08:00:00"), pseudonym: Marker);
            await _api.Append(client, Entries.Urge(Utc("2026-11-03T20:00:00"), 8, note: Marker), Entries.Urge(Utc("2026-11-04T08:00:00"), 7),
                Entries.Urge(Utc("2026-11-04T19:00:00"), 9), Entries.Lapse(Utc("2026-11-05T23:00:00")));
            if (withMeasures)
                await _api.Append(client, Entries.Phq9(Utc("2026-11-06T09:00:00"), i), Entries.Gad7(Utc("2026-11-06T09:05:00"), i % 3),
                    Entries.Measure(Utc("2026-11-06T09:10:00"), "csbd-19", Entries.Answers(19, 1, 4, 60, [])));
            clients.Add(client);
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return (clinician.Tenant, clients);
    }

    [Fact]
    public async Task analytics_export_writes_the_de_identified_cohort_as_csv_and_parquet()
    {
        var (clinic, clients) = await ElevenClientsUrging(withMeasures: true);
        var csvFile = Path.Combine(Path.GetTempPath(), $"cohort-{Guid.NewGuid():N}.csv");
        var parquetFile = Path.ChangeExtension(csvFile, ".parquet");
        var progress = new StringWriter();
        try
        {
            (await AnalyticsCommand.Export(app.Store, new AnalyticsInput { TenantFlag = clinic, FromFlag = "2026-11-01", ToFlag = "2026-11-30",
                FormatFlag = "csv", OutFlag = csvFile }, new StringWriter(), progress, CancellationToken.None)).ShouldBeTrue();
            (await AnalyticsCommand.Export(app.Store, new AnalyticsInput { TenantFlag = clinic, FromFlag = "2026-11-01", ToFlag = "2026-11-30",
                FormatFlag = "parquet", OutFlag = parquetFile }, new StringWriter(), progress, CancellationToken.None)).ShouldBeTrue();

            var csv = await File.ReadAllLinesAsync(csvFile);
            csv.ShouldBe([
                "weekStart,activeClients,urges,meanUrgeIntensity,copingSuccesses,innerLapses,middleSlips,sessionsAttended,sessionsMissed,"
                + "meanPhq9,meanGad7,csbd19AtOrAboveCutoff,suppressedFields",
                "2026-11-02,11,33,8,0,11,0,0,0,5,0.91,11,", // PHQ-9 0..10: 55 / 11; GAD-7 0,1,2,…: 10 / 11
            ]);
            await using var parquet = File.OpenRead(parquetFile);
            var rows = (await ParquetSerializer.DeserializeAsync<CohortRow>(parquet)).Data;
            rows.Single().Urges.ShouldBe(33);
            rows.Single().MeanUrgeIntensity.ShouldBe(8.0);
            rows.Single().MeanPhq9.ShouldBe(5.0);
            rows.Single().MeanGad7.ShouldBe(0.91);
            rows.Single().Csbd19AtOrAboveCutoff.ShouldBe(11);
            progress.ToString().ShouldContain("[3/3] analytics export");

            var everything = string.Join("\n", csv) + await File.ReadAllTextAsync(parquetFile);
            everything.ShouldNotContain(Marker);
            foreach (var client in clients) everything.ShouldNotContain(client.Id.ToString());
        }
        finally
        {
            File.Delete(csvFile);
            File.Delete(parquetFile);
        }
    }

    [Fact]
    public async Task analytics_export_refuses_bad_arguments()
    {
        var errors = new StringWriter();
        (await AnalyticsCommand.Export(app.Store, new AnalyticsInput { TenantFlag = "clinic-a", FromFlag = "2026-11-01", ToFlag = "2026-11-30",
            FormatFlag = "xlsx", OutFlag = "x" }, errors, new StringWriter(), CancellationToken.None)).ShouldBeFalse();
        errors.ToString().ShouldContain("--format");
    }

    [Fact]
    public async Task alerts_replay_counts_what_the_rules_would_raise_and_raises_nothing()
    {
        var (clinic, clients) = await ElevenClientsUrging();
        await _api.AlertsWhen(clients[^1], a => a.Count == 2, "the live alerts (urge escalation, lapse)");
        var before = await Task.WhenAll(clients.Select(c => _api.Alerts(c.Clinician, $"?clientId={c.Id}")));
        var output = new StringWriter();

        var ok = await AlertsCommand.Replay(app.Store, app.Host.Services.GetRequiredService<Pseudonyms>(),
            new AlertsInput { RulesFlag = "v1", TenantFlag = clinic, FromFlag = "2026-11-01", ToFlag = "2026-11-30" },
            output, new StringWriter(), new StringWriter(), CancellationToken.None);

        ok.ShouldBeTrue();
        var text = output.ToString();
        text.ShouldContain("total urge-escalation: 11");
        text.ShouldContain("total lapse: 11");
        text.ShouldContain("total safety: 0");
        text.Split('\n').Count(line => line.Contains("| 2026-11-02 | urge-escalation | 1")).ShouldBe(11);
        text.ShouldNotContain(Marker);
        foreach (var client in clients) text.ShouldNotContain(client.Id.ToString());
        var after = await Task.WhenAll(clients.Select(c => _api.Alerts(c.Clinician, $"?clientId={c.Id}")));
        after.Select(a => a.ToJsonString()).ShouldBe(before.Select(b => b.ToJsonString()));
    }

    [Fact]
    public async Task alerts_replay_knows_rule_sets_v1_and_v2_only()
    {
        var errors = new StringWriter();
        (await AlertsCommand.Replay(app.Store, app.Host.Services.GetRequiredService<Pseudonyms>(),
            new AlertsInput { RulesFlag = "v3", TenantFlag = "clinic-a", FromFlag = "2026-11-01", ToFlag = "2026-11-30" },
            new StringWriter(), errors, new StringWriter(), CancellationToken.None)).ShouldBeFalse();
        errors.ToString().ShouldContain("v1 or v2");
    }
}

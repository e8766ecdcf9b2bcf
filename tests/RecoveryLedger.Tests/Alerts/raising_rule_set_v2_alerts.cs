using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryLedger.Api.Alerts.Replaying;
using RecoveryLedger.Api.Analytics;

namespace RecoveryLedger.Tests.Alerts;

/// <summary>
/// Rule set v2 (product.md): a PHQ-9's item 9 raises safety at once, with the append; a PHQ-9 6 or a
/// GAD-7 4 points above the previous one of its instrument raises measure-worsening; the append answers
/// safetyFollowUp; v2 alerts carry ruleVersion 2.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class raising_rule_set_v2_alerts(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static int RuleVersion(JsonNode alert) => alert["ruleVersion"]!.GetValue<int>();
    private static bool SafetyFollowUp(JsonObject appended) => appended["safetyFollowUp"]!.GetValue<bool>();

    [Fact]
    public async Task a_phq_9_with_item_9_answered_raises_a_critical_safety_alert_with_the_append_itself()
    {
        var client = await _api.EnrolledClient();
        var phq9 = Guid.NewGuid();

        var appended = await _api.Append(client, Entries.Phq9(Now.AddHours(-1), score: 7, selfHarm: 1, id: phq9));

        SafetyFollowUp(appended).ShouldBeTrue();
        var alert = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).Single()!; // no wait: the append decided it
        alert.Rule().ShouldBe("safety");
        alert.Severity().ShouldBe("critical");
        RuleVersion(alert).ShouldBe(2);
        alert.Evidence().ShouldBe([phq9]);
    }

    [Fact]
    public async Task safety_follow_up_is_true_only_for_a_new_entry_that_raises_a_safety_condition()
    {
        var client = await _api.EnrolledClient();
        var concern = Entries.CheckIn(Now.AddHours(-3), safetyConcern: true);

        SafetyFollowUp(await _api.Append(client, Entries.CheckIn(Now.AddHours(-4), craving: 9), Entries.Urge(Now.AddHours(-4), 10))).ShouldBeFalse();
        SafetyFollowUp(await _api.Append(client, Entries.Phq9(Now.AddHours(-4), score: 20, selfHarm: 0))).ShouldBeFalse();
        SafetyFollowUp(await _api.Append(client, Entries.Gad7(Now.AddHours(-4), score: 21))).ShouldBeFalse();
        SafetyFollowUp(await _api.Append(client, concern, Entries.Urge(Now.AddHours(-3), 2))).ShouldBeTrue();

        // The phone resends the batch (its answer was lost): nothing new, no second follow-up.
        var resent = await _api.Append(client, concern, Entries.Urge(Now.AddHours(-2), 2));
        resent["duplicates"]!.GetValue<int>().ShouldBe(1);
        SafetyFollowUp(resent).ShouldBeFalse();
        var safety = (await _api.AlertsWhen(client, a => a.OfRule("safety").Any(), "the safety alert")).OfRule("safety").Single();
        safety.Occurrences().ShouldBe(1);
        RuleVersion(safety).ShouldBe(1); // a check-in's safety concern is a v1 condition
    }

    [Fact]
    public async Task a_repeat_by_a_v2_condition_keeps_the_alerts_own_version()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.CheckIn(Now.AddHours(-3), safetyConcern: true));
        var phq9 = Guid.NewGuid();

        SafetyFollowUp(await _api.Append(client, Entries.Phq9(Now.AddHours(-2), score: 9, selfHarm: 2, id: phq9))).ShouldBeTrue();

        var alert = (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).Single()!;
        alert.Occurrences().ShouldBe(2);
        alert.Evidence().ShouldContain(phq9);
        RuleVersion(alert).ShouldBe(1);
    }

    [Fact]
    public async Task a_phq_9_six_points_above_the_previous_one_raises_measure_worsening_and_five_do_not()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-60));
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _api.Append(client, Entries.Phq9(Now.AddDays(-42), score: 8, id: first));
        await _api.Append(client, Entries.Phq9(Now.AddDays(-28), score: 13, id: second));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("measure-worsening").ShouldBeEmpty();

        var appended = await _api.Append(client, Entries.Phq9(Now.AddDays(-14), score: 19, id: third));

        SafetyFollowUp(appended).ShouldBeFalse();
        var alert = (await _api.AlertsWhen(client, a => a.OfRule("measure-worsening").Any(), "measure worsening")).OfRule("measure-worsening").Single();
        alert.Severity().ShouldBe("high");
        RuleVersion(alert).ShouldBe(2);
        alert.Evidence().ShouldBe([second, third]);
    }

    [Fact]
    public async Task one_alert_covers_both_instruments_a_gad_7_four_points_worse_repeats_it_and_three_do_not()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-60));
        await _api.Append(client, Entries.Phq9(Now.AddDays(-30), score: 4), Entries.Gad7(Now.AddDays(-30), score: 5));
        await _api.Append(client, Entries.Phq9(Now.AddDays(-16), score: 12));
        var raised = (await _api.AlertsWhen(client, a => a.OfRule("measure-worsening").Any(), "PHQ-9 worsening")).OfRule("measure-worsening").Single();

        await _api.Append(client, Entries.Gad7(Now.AddDays(-16), score: 8));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("measure-worsening").Single().Occurrences().ShouldBe(1);

        var worse = Guid.NewGuid();
        await _api.Append(client, Entries.Gad7(Now.AddDays(-2), score: 12, id: worse));

        var repeated = (await _api.AlertsWhen(client, a => a.OfRule("measure-worsening").Single().Occurrences() == 2, "the GAD-7 repeat"))
            .OfRule("measure-worsening").Single();
        repeated.Id().ShouldBe(raised.Id());
        repeated.Evidence().ShouldContain(worse);
        RuleVersion(repeated).ShouldBe(2);
    }

    [Fact]
    public async Task the_previous_measure_is_found_however_long_ago_it_was()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-400));
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await _api.Append(client, Entries.Phq9(Now.AddDays(-300), score: 3, id: old), Entries.Gad7(Now.AddDays(-10), score: 0));

        await _api.Append(client, Entries.Phq9(Now.AddHours(-1), score: 9, id: recent));

        (await _api.AlertsWhen(client, a => a.OfRule("measure-worsening").Any(), "worsening over a measure 300 days old"))
            .OfRule("measure-worsening").Single().Evidence().ShouldBe([old, recent]);
    }

    [Fact]
    public async Task a_measure_synced_months_late_re_compares_its_successor()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-400));
        var (late, successor) = (Guid.NewGuid(), Guid.NewGuid());
        await _api.Append(client, Entries.Phq9(Now.AddDays(-200), score: 10));
        await _api.Append(client, Entries.Phq9(Now.AddDays(-5), score: 12, id: successor));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("measure-worsening").ShouldBeEmpty();

        await _api.Append(client, Entries.Phq9(Now.AddDays(-120), score: 5, id: late));

        (await _api.AlertsWhen(client, a => a.OfRule("measure-worsening").Any(), "the successor compared with the late measure"))
            .OfRule("measure-worsening").Single().Evidence().ShouldBe([late, successor], ignoreOrder: true);
    }

    [Fact]
    public async Task alerts_replay_of_v2_counts_the_measure_rules_and_v1_does_not()
    {
        static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z");
        var client = await _api.EnrolledClient(sobrietyStartedAt: Utc("2026-09-01T08:00:00"));
        await _api.Append(client, Entries.Phq9(Utc("2026-10-05T09:00:00"), score: 5), Entries.Gad7(Utc("2026-10-05T09:00:00"), score: 3));
        await _api.Append(client, Entries.Phq9(Utc("2026-10-19T09:00:00"), score: 11, selfHarm: 1), Entries.Gad7(Utc("2026-10-19T09:00:00"), score: 7));
        var live = await _api.AlertsWhen(client, a => a.Count == 2, "the live safety and measure-worsening alerts");

        async Task<string> Replay(string rules)
        {
            var output = new StringWriter();
            (await AlertsCommand.Replay(app.Store, app.Host.Services.GetRequiredService<Pseudonyms>(),
                new AlertsInput { RulesFlag = rules, TenantFlag = client.Tenant, FromFlag = "2026-10-01", ToFlag = "2026-10-31" },
                output, new StringWriter(), null, CancellationToken.None)).ShouldBeTrue();
            return output.ToString();
        }

        var v2 = await Replay("v2");
        v2.ShouldContain("rule set v2");
        v2.ShouldContain("total safety: 1");
        v2.ShouldContain("total measure-worsening: 2"); // the PHQ-9 and the GAD-7 of 2026-10-19
        v2.ShouldContain("| 2026-10-19 | measure-worsening | 2");
        var v1 = await Replay("v1");
        v1.ShouldContain("rule set v1");
        v1.ShouldContain("total safety: 0");
        v1.ShouldNotContain("measure-worsening");
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).ToJsonString().ShouldBe(live.ToJsonString());
    }
}

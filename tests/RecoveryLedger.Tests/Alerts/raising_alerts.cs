namespace RecoveryLedger.Tests.Alerts;

[Collection(ApiCollection.Name)]
public sealed class raising_alerts(AppFixture app)
{
    private readonly ApiDriver _api = new(app);
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task an_inner_lapse_raises_a_high_lapse_alert()
    {
        // How fast is a benchmark figure (tests/RecoveryLedger.Benchmarks), never a timed assertion here.
        var client = await _api.EnrolledClient();
        var lapse = Guid.NewGuid();
        await _api.Append(client, Entries.Lapse(Now.AddMinutes(-10), "inner", lapse));

        var alerts = await _api.AlertsWhen(client, a => a.Count > 0, "the lapse alert");

        var alert = alerts.Single()!;
        alert.Rule().ShouldBe("lapse");
        alert.Severity().ShouldBe("high");
        alert.Status().ShouldBe("open");
        alert["ruleVersion"]!.GetValue<int>().ShouldBe(1);
        alert.Occurrences().ShouldBe(1);
        alert.Evidence().ShouldBe([lapse]);
        alert["clientId"]!.GetValue<Guid>().ShouldBe(client.Id);
    }

    [Fact]
    public async Task a_lapse_before_the_programme_raises_nothing()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-10));
        await _api.Append(client, Entries.Lapse(Now.AddDays(-20), "inner"));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("lapse").ShouldBeEmpty();
    }

    [Fact]
    public async Task a_safety_concern_raises_a_critical_alert_with_the_append_itself()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.CheckIn(Now.AddMinutes(-5), safetyConcern: true));
        // No wait: safety is decided in the append's own transaction, not by the pipeline.
        var alerts = await _api.Alerts(client.Clinician, $"?clientId={client.Id}");
        alerts.Single()!.Rule().ShouldBe("safety");
        alerts.Single()!.Severity().ShouldBe("critical");
    }

    [Fact]
    public async Task three_strong_urges_within_24_hours_escalate_and_two_do_not()
    {
        var client = await _api.EnrolledClient();
        var t = Now.AddDays(-2);
        await _api.Append(client, Entries.Urge(t, 7), Entries.Urge(t.AddHours(10), 9), Entries.Urge(t.AddHours(12), 6));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("urge-escalation").ShouldBeEmpty();

        var third = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(t.AddHours(24), 7, third));

        var alerts = await _api.AlertsWhen(client, a => a.OfRule("urge-escalation").Any(), "urge escalation");
        var alert = alerts.OfRule("urge-escalation").Single();
        alert.Severity().ShouldBe("medium");
        alert.Evidence().Count.ShouldBe(3);
        alert.Evidence().ShouldContain(third);
    }

    [Fact]
    public async Task a_back_dated_urge_that_completes_a_cluster_fires()
    {
        var client = await _api.EnrolledClient();
        var t = Now.AddDays(-3);
        await _api.Append(client, Entries.Urge(t, 8), Entries.Urge(t.AddHours(20), 8));
        await _api.Judged();
        var late = Guid.NewGuid();
        await _api.Append(client, Entries.Urge(t.AddHours(5), 7, late));

        var alerts = await _api.AlertsWhen(client, a => a.OfRule("urge-escalation").Any(), "escalation from a late urge");
        alerts.OfRule("urge-escalation").Single().Evidence().ShouldContain(late);
    }

    [Fact]
    public async Task a_repeat_while_open_adds_an_occurrence_and_after_resolve_raises_a_new_alert()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.Lapse(Now.AddHours(-5)));
        var first = (await _api.AlertsWhen(client, a => a.Count == 1, "first lapse alert")).Single()!;

        var repeat = Guid.NewGuid();
        await _api.Append(client, Entries.Lapse(Now.AddHours(-4), id: repeat));
        var repeated = (await _api.AlertsWhen(client, a => a.Single()!.Occurrences() == 2, "the repeat")).Single()!;
        repeated.Id().ShouldBe(first.Id());
        repeated.Evidence().ShouldContain(repeat);
        DateTimeOffset.Parse(repeated["lastTriggeredAt"]!.GetValue<string>())
            .ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(first["lastTriggeredAt"]!.GetValue<string>()));

        await _api.Step(client.Clinician, first.Id(), "resolve", HttpStatusCode.OK);
        await _api.Append(client, Entries.Lapse(Now.AddHours(-3)));
        var alerts = await _api.AlertsWhen(client, a => a.Count == 2, "a new alert after resolve");
        alerts.Count(a => a!.Status() == "open").ShouldBe(1);
        alerts.Single(a => a!.Status() == "open")!.Id().ShouldNotBe(first.Id());
    }

    [Fact]
    public async Task a_repeat_puts_an_acknowledged_alert_back_to_open()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, Entries.CheckIn(Now.AddHours(-3), safetyConcern: true));
        var alert = (await _api.AlertsWhen(client, a => a.Count == 1, "safety alert")).Single()!;
        (await _api.Step(client.Clinician, alert.Id(), "acknowledge", HttpStatusCode.OK)).Status().ShouldBe("acknowledged");

        await _api.Append(client, Entries.CheckIn(Now.AddHours(-2), safetyConcern: true));

        var again = (await _api.AlertsWhen(client, a => a.Single()!.Occurrences() == 2, "repeat")).Single()!;
        again.Status().ShouldBe("open");
    }

    [Fact]
    public async Task two_slips_within_7_days_cluster()
    {
        var client = await _api.EnrolledClient();
        var t = Now.AddDays(-20);
        await _api.Append(client, Entries.Lapse(t, "middle"));
        await _api.Append(client, Entries.Lapse(t.AddDays(7).AddSeconds(1), "middle"));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("slip-cluster").ShouldBeEmpty();

        await _api.Append(client, Entries.Lapse(t.AddDays(7), "middle"));
        var alerts = await _api.AlertsWhen(client, a => a.OfRule("slip-cluster").Any(), "slip cluster");
        alerts.OfRule("slip-cluster").Single().Evidence().Count.ShouldBe(2); // one 7-day window, inclusive
    }

    [Fact]
    public async Task a_second_missed_session_in_a_row_raises_the_severity()
    {
        var client = await _api.EnrolledClient();
        await _api.Append(client, client.Clinician, Entries.Session(Now.AddDays(-14), attended: false));
        (await _api.AlertsWhen(client, a => a.OfRule("missed-session").Any(), "missed session")).OfRule("missed-session").Single()
            .Severity().ShouldBe("medium");

        await _api.Append(client, client.Clinician, Entries.Session(Now.AddDays(-7), attended: false));

        var alert = (await _api.AlertsWhen(client, a => a.OfRule("missed-session").Single().Severity() == "high", "severity high"))
            .OfRule("missed-session").Single();
        alert.Occurrences().ShouldBe(2);
    }

    [Fact]
    public async Task craving_rising_against_the_clients_own_baseline()
    {
        var client = await _api.EnrolledClient(sobrietyStartedAt: Now.AddDays(-40));
        var start = Now.AddDays(-30);
        await _api.Append(client, Enumerable.Range(0, 7).Select(i => Entries.CheckIn(start.AddDays(i), craving: 2)).ToArray());
        await _api.Append(client, Entries.CheckIn(Now.AddHours(-30), craving: 6));
        await _api.Judged();
        (await _api.Alerts(client.Clinician, $"?clientId={client.Id}")).OfRule("craving-rising").ShouldBeEmpty();

        await _api.Append(client, Entries.CheckIn(Now.AddHours(-2), craving: 7));

        var alerts = await _api.AlertsWhen(client, a => a.OfRule("craving-rising").Any(), "craving rising");
        alerts.OfRule("craving-rising").Single().Evidence().Count.ShouldBe(2);
    }
}

using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Marten;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Exporting;
using Xunit.Abstractions;
using static System.Net.HttpStatusCode;

namespace RecoveryLedger.Tests.Journeys;

// The SDK's POCOs declare every element nullable; here a missing one fails the test with a NullReferenceException
// anyway, so the nullable warnings would only add noise.
#nullable disable warnings

/// <summary>
/// <c>?format=fhir</c> (contract "Export", docs/fhir.md): the record as a FHIR R4 Bundle that the base
/// specification accepts, one resource per thing recorded, every resource about the Patient, the pseudonym
/// nowhere, and the security labels a receiving system segments it by.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class exporting_as_fhir(AppFixture app, FhirValidation fhir, ITestOutputHelper output) : IClassFixture<FhirValidation>
{
    private const string Pseudonym = "Quillon-Marrowby";
    private readonly ApiDriver _api = new(app);

    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir();

    private async Task<(Bundle Bundle, string Text)> Export(Client client, Actor actor)
    {
        var response = await _api.Get($"/api/clients/{client.Id}/export?format=fhir", actor);
        await response.ShouldBe(OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        var text = await response.Content.ReadAsStringAsync();
        return (JsonSerializer.Deserialize<Bundle>(text, Fhir)!, text);
    }

    /// <summary>
    /// Every kind of entry, two plans, three alerts (the safety one open, the lapse one acknowledged, the missed session's
    /// resolved) and two goals (one active and reviewed, one achieved).
    /// </summary>
    private async Task<Client> AWholeJourney()
    {
        var now = DateTimeOffset.UtcNow;
        var client = await _api.EnrolledClient(sobrietyStartedAt: now.AddDays(-20), pseudonym: Pseudonym);
        await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self, new { inner = new[] { "i1" }, middle = new[] { "m1" }, outer = new[] { "o1" } });
        await _api.Send(HttpMethod.Put, $"/api/clients/{client.Id}/plan", client.Self,
            new { inner = new[] { "acting out online" }, middle = new[] { "isolating", "late nights alone" }, outer = new[] { "calling my sponsor" } });
        var urge = Guid.NewGuid();
        await _api.Append(client, Entries.CheckIn(now.AddDays(-3), note: "check-in note"),
            new { id = Guid.NewGuid(), kind = "check-in", occurredAt = ApiDriver.Iso(now.AddDays(-2)), mood = 2, craving = 7, sleepHours = 6.5m,
                  safetyConcern = true, halt = new { hungry = true, tired = true } },
            Entries.Urge(now.AddDays(-2).AddHours(1), 8, id: urge, triggers: ["loneliness", "late-night"], note: "urge note"),
            Entries.Coping(now.AddDays(-2).AddHours(2), urgeId: urge), Entries.Lapse(now.AddDays(-1), note: "lapse note"),
            Entries.Lapse(now.AddHours(-20), circle: "middle"), Entries.RelationshipMilestone(now.AddHours(-5)),
            Entries.ThoughtRecord(now.AddHours(-4), balancedThought: "one evening is not who I am"));
        await _api.Append(client, client.Clinician, Entries.Session(now.AddHours(-3)), Entries.Session(now.AddHours(-2), attended: false),
            Entries.Phq9(now.AddHours(-3), 12), Entries.Gad7(now.AddHours(-3), 8),
            Entries.Measure(now.AddHours(-3), "csbd-19", Entries.Answers(19, 1, 4, 52, [])));
        var alerts = await _api.AlertsWhen(client, a => a.Count >= 3, "the safety, lapse and missed-session alerts");
        string Alert(string rule) => $"/api/alerts/{alerts.Single(a => a!["rule"]!.GetValue<string>() == rule)!["alertId"]}";
        await (await _api.Post($"{Alert("lapse")}/acknowledge", client.Clinician, new { note = "talked it through" })).ShouldBe(OK);
        await (await _api.Post($"{Alert("missed-session")}/resolve", client.Clinician, new { note = "rebooked" })).ShouldBe(OK);
        var (active, achieved) = ($"/api/clients/{client.Id}/goals/{Guid.NewGuid()}", $"/api/clients/{client.Id}/goals/{Guid.NewGuid()}");
        await (await _api.Send(HttpMethod.Put, active, client.Clinician, new { area = "relapse-prevention", statement = "Call before acting", targetDate = "2027-01-31" }))
            .ShouldBe(Created);
        await (await _api.Post($"{active}/reviews", client.Clinician, new { progress = 6, note = "called twice" })).ShouldBe(Created);
        await (await _api.Send(HttpMethod.Put, achieved, client.Clinician, new { area = "self-esteem", statement = "Name one strength a day" }))
            .ShouldBe(Created);
        await (await _api.Post($"{achieved}/status", client.Clinician, new { status = "achieved" })).ShouldBe(OK);
        return client;
    }

    [Fact]
    public async Task a_whole_journey_exports_as_a_bundle_the_r4_specification_accepts()
    {
        var client = await AWholeJourney();

        var (bundle, text) = await Export(client, client.Self);

        var issues = fhir.ShouldHaveNoErrors(bundle);
        output.WriteLine($"Validator: {issues.Count(FhirValidation.IsError)} errors, " +
                         $"{issues.Count(i => i.Severity == OperationOutcome.IssueSeverity.Warning)} warnings, {issues.Count} issues in all");
        output.WriteLine(FhirValidation.Describe(issues));
        bundle.Type.ShouldBe(Bundle.BundleType.Collection);
        bundle.Meta.Security.Select(s => (s.System, s.Code)).ShouldBe(
        [
            ("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"),
            ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSY"),
            ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SEX"),
        ], ignoreOrder: true);
        text.ShouldNotContain(Pseudonym, Case.Insensitive, "the pseudonym is not a name and never leaves in FHIR");
    }

    [Fact]
    public async Task each_entry_alert_and_the_plan_become_one_resource_about_the_patient()
    {
        var client = await AWholeJourney();
        await using var session = app.Store.QuerySession(client.Tenant);
        var stream = (await session.Events.FetchStreamAsync(client.Id)).Select(e => e.Data).ToList();
        var alerts = await session.Query<Alert>().Where(a => a.ClientId == client.Id).ToListAsync();

        var (bundle, _) = await Export(client, client.Self);

        var resources = bundle.Entry.Select(e => e.Resource).ToList();
        var patient = resources[0].ShouldBeOfType<Patient>();
        patient.Id.ShouldBe(client.Id.ToString());
        patient.Name.ShouldBeEmpty();
        bundle.Entry[0].FullUrl.ShouldBe($"urn:uuid:{client.Id}");
        resources.OfType<Patient>().Count().ShouldBe(1);
        bundle.Entry.ShouldAllBe(e => e.FullUrl == $"urn:uuid:{e.Resource.Id}");

        resources.OfType<Observation>().Count().ShouldBe(
            stream.Count(e => e is CheckInRecorded or UrgeLogged or CopingSuccessRecorded or LapseRecorded or MeasureRecorded or ThoughtRecordWritten));
        resources.OfType<Observation>().Where(o => o.Value is Integer).Select(o => (o.Code.Coding.Single().Code, ((Integer)o.Value).Value))
            .ShouldBe([("44261-6", (int?)12), ("70274-6", 8), ("csbd-19-total", 52)], ignoreOrder: true);
        var sessions = stream.OfType<SessionRecorded>().ToDictionary(s => s.EntryId.ToString());
        var encounters = resources.OfType<Encounter>().ToList();
        encounters.Select(e => e.Id).ShouldBe(sessions.Keys, ignoreOrder: true);
        encounters.ShouldAllBe(e => e.Status == (sessions[e.Id].Attended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled));
        encounters.Select(e => e.Status).ShouldBe([Encounter.EncounterStatus.Finished, Encounter.EncounterStatus.Cancelled], ignoreOrder: true);
        var plan = resources.OfType<CarePlan>().ShouldHaveSingleItem();
        plan.Activity.Select(a => a.Detail.Description).ShouldBe(["acting out online", "isolating", "late nights alone", "calling my sponsor"],
            "the current plan, version 2");
        var flags = resources.OfType<Flag>().ToList();
        flags.Select(f => f.Id).ShouldBe(alerts.Where(a => a.Status != AlertStatus.Resolved).Select(a => a.Id.ToString()), ignoreOrder: true);
        flags.Count.ShouldBe(2, "the open safety alert and the acknowledged lapse alert; not the resolved one");
        flags.ShouldAllBe(f => f.Status == Flag.FlagStatus.Active);
        var safety = alerts.Single(a => a.Rule == "safety");
        flags.Single(f => f.Id == safety.Id.ToString()).Period.StartElement.ToDateTimeOffset(TimeSpan.Zero).ShouldBe(safety.RaisedAt);

        var goals = resources.OfType<Goal>().ToList();
        goals.Select(g => g.Description.Text).ShouldBe(["Call before acting", "Name one strength a day"], "in the order they were set");
        goals.Select(g => g.LifecycleStatus).ShouldBe([Goal.GoalLifecycleStatus.Active, Goal.GoalLifecycleStatus.Completed]);
        ((Date)goals[0].Target.Single().Due).Value.ShouldBe("2027-01-31");
        goals[0].Note.Single().Text.ShouldBe("Progress 6/10: called twice");
        plan.Goal.Select(g => g.Reference).ShouldBe(goals.Select(g => $"urn:uuid:{g.Id}"), "the treatment goals are the plan's goals");

        foreach (var resource in resources.Skip(1))
            Subject(resource).ShouldBe($"urn:uuid:{client.Id}", $"{resource.TypeName} {resource.Id}");
        resources.Skip(1).Select(r => r.TypeName).Distinct().ShouldBe(["Observation", "Encounter", "CarePlan", "Goal", "Flag"], "in the contract's order");
    }

    [Fact]
    public async Task the_openapi_document_lists_the_fhir_media_type()
    {
        var document = await TheDocument.Of(_api);
        var content = document.Operation("GET /api/clients/{clientId}/export")["responses"]!["200"]!["content"]!.AsObject();
        content.Select(c => c.Key).ShouldBe(["application/json", "application/fhir+json"], ignoreOrder: true);
        content["application/fhir+json"]!["schema"]!["properties"]!["resourceType"]!["enum"]![0]!.GetValue<string>().ShouldBe("Bundle");
    }

    private static string? Subject(Resource resource) => resource switch
    {
        Observation o => o.Subject.Reference,
        Encounter e => e.Subject.Reference,
        CarePlan c => c.Subject.Reference,
        Flag f => f.Subject.Reference,
        Goal g => g.Subject.Reference,
        _ => throw new ShouldAssertException($"{resource.TypeName} is not a resource the export writes"),
    };
}

/// <summary>The mapping functions on their own: no database, no HTTP.</summary>
public sealed class exporting_as_fhir_mappings(FhirValidation fhir, ITestOutputHelper output) : IClassFixture<FhirValidation>
{
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 20, 21, 40, 0, TimeSpan.Zero);
    private static readonly Recorder ByClient = new("client", ClientId);

    private static CheckInRecorded CheckIn(decimal? sleep = 7.5m, string? note = "slept badly") =>
        new(Guid.NewGuid(), At, 2, 8, new HaltFlags(true, false, true, false), sleep, true, note, At.AddMinutes(3), ByClient);

    private static string? Code(Observation.ComponentComponent c) => c.Code.Coding.Single().Code;

    [Fact]
    public void a_check_in_is_a_final_observation_with_its_answers_as_components_and_its_note()
    {
        var e = CheckIn();

        var observation = FhirMapping.CheckIn(ClientId, e);

        observation.Id.ShouldBe(e.EntryId.ToString());
        observation.Status.ShouldBe(ObservationStatus.Final);
        observation.Code.Coding.Single().ShouldSatisfyAllConditions(c => c.System.ShouldBe(FhirCodes.Local), c => c.Code.ShouldBe("check-in"));
        observation.Subject.Reference.ShouldBe($"urn:uuid:{ClientId}");
        ((FhirDateTime)observation.Effective).ToDateTimeOffset(TimeSpan.Zero).ShouldBe(e.OccurredAt);
        observation.Issued.ShouldBe(e.RecordedAt);
        observation.Note.Single().Text.ShouldBe("slept badly");
        var components = observation.Component.ToDictionary(Code, c => c.Value);
        ((Integer)components["mood"]).Value.ShouldBe(2);
        ((Integer)components["craving"]).Value.ShouldBe(8);
        ((FhirBoolean)components["halt-hungry"]).Value.ShouldBe(true);
        ((FhirBoolean)components["halt-angry"]).Value.ShouldBe(false);
        ((FhirBoolean)components["safety-concern"]).Value.ShouldBe(true);
        var sleep = observation.Component.Single(c => c.Code.Coding.Single().System == FhirCodes.Loinc);
        sleep.Code.Coding.Single().Code.ShouldBe("93832-4");
        ((Quantity)sleep.Value).ShouldSatisfyAllConditions(q => q.Value.ShouldBe(7.5m), q => q.Code.ShouldBe("h"), q => q.System.ShouldBe(FhirCodes.Ucum));
    }

    [Fact]
    public void what_was_not_recorded_is_left_out_rather_than_written_empty()
    {
        var observation = FhirMapping.CheckIn(ClientId, CheckIn(sleep: null, note: null));

        observation.Note.ShouldBeEmpty();
        observation.Component.ShouldNotContain(c => c.Code.Coding.Single().Code == "93832-4");
    }

    [Fact]
    public void an_urge_lists_each_trigger_and_a_coping_success_refers_to_the_urge_only_when_it_is_exported()
    {
        var urge = new UrgeLogged(Guid.NewGuid(), At, 8, ["loneliness", "late-night"], 20, null, At, ByClient);
        var coping = new CopingSuccessRecorded(Guid.NewGuid(), At.AddMinutes(10), "called-support", "resisted", urge.EntryId, null, At, ByClient);

        var observation = FhirMapping.Urge(ClientId, urge);

        observation.Component.Where(c => Code(c) == "urge-trigger").Select(c => ((CodeableConcept)c.Value).Coding.Single().Code)
            .ShouldBe(["trigger-loneliness", "trigger-late-night"]);
        ((Quantity)observation.Component.Single(c => Code(c) == "urge-duration").Value).Code.ShouldBe("min");
        FhirMapping.Coping(ClientId, coping, urgeExported: true).DerivedFrom.Single().Reference.ShouldBe($"urn:uuid:{urge.EntryId}");
        FhirMapping.Coping(ClientId, coping, urgeExported: false).DerivedFrom.ShouldBeEmpty();
    }

    [Fact]
    public void a_session_is_a_finished_or_cancelled_encounter()
    {
        var attended = new SessionRecorded(Guid.NewGuid(), At, "group", true, 90, "a clinician's note", At, new Recorder("clinician", Guid.NewGuid()));
        var missed = attended with { EntryId = Guid.NewGuid(), Attended = false };

        var finished = FhirMapping.Session(ClientId, attended);
        var cancelled = FhirMapping.Session(ClientId, missed);

        finished.Status.ShouldBe(Encounter.EncounterStatus.Finished);
        finished.Class.Code.ShouldBe("AMB");
        finished.Length.Value.ShouldBe(90);
        finished.Type.Single().Coding.Single().Code.ShouldBe("session-group");
        finished.Period.StartElement.ToDateTimeOffset(TimeSpan.Zero).ShouldBe(At);
        cancelled.Status.ShouldBe(Encounter.EncounterStatus.Cancelled);
        cancelled.Length.ShouldBeNull("a missed session lasted nothing");
    }

    [Fact]
    public void the_bundle_has_the_latest_plan_and_flags_for_active_alerts_only_and_validates()
    {
        var record = new FhirRecord(ClientId,
        [
            new ClientEnrolled(ClientId, "Secret-Pseudonym", "Europe/Berlin", At.AddDays(-30), Guid.NewGuid(), At.AddDays(-30), At.AddDays(-30), Recorder.System),
            new RecoveryPlanChanged(1, ["old"], [], [], At.AddDays(-29), At.AddDays(-29), ByClient),
            new RecoveryPlanChanged(2, ["acting out"], ["isolating"], ["running"], At.AddDays(-28), At.AddDays(-28), ByClient),
            CheckIn(),
            new LapseRecorded(Guid.NewGuid(), At, "middle", "stayed up scrolling", null, At, ByClient),
            new SessionRecorded(Guid.NewGuid(), At, "individual", true, 50, null, At, ByClient),
            new RelationshipMilestoneReached(Guid.NewGuid(), At, "disclosure", "partner", null, At, ByClient),
        ],
        [Alert("open"), Alert("acknowledged"), Alert("resolved")]);

        var bundle = FhirMapping.BundleOf(record, Guid.NewGuid(), At.AddDays(1));

        var plan = bundle.Entry.Select(e => e.Resource).OfType<CarePlan>().ShouldHaveSingleItem();
        plan.Title.ShouldContain("version 2");
        plan.Activity.Select(a => (a.Detail.Code.Coding.Single().Code, a.Detail.DoNotPerform))
            .ShouldBe([("circle-inner", (bool?)true), ("circle-middle", null), ("circle-outer", null)]);
        bundle.Entry.Select(e => e.Resource).OfType<Flag>().Count().ShouldBe(2);
        bundle.Entry.Select(e => e.Resource.TypeName).ShouldBe(["Patient", "Observation", "Observation", "Encounter", "CarePlan", "Flag", "Flag"]);
        var issues = fhir.ShouldHaveNoErrors(bundle);
        output.WriteLine(FhirValidation.Describe(issues));
        JsonSerializer.Serialize(bundle, new JsonSerializerOptions().ForFhir()).ShouldNotContain("Secret-Pseudonym");
    }

    [Fact]
    public void a_measure_is_its_total_score_under_loinc_with_each_answer_and_the_band()
    {
        var phq9 = new MeasureRecorded(Guid.NewGuid(), At, "phq-9", [0, 1, 2, 3, 0, 1, 2, 3, 1], "a hard month", At, ByClient);

        var observation = FhirMapping.Measure(ClientId, phq9);

        observation.Code.Coding.Single().ShouldSatisfyAllConditions(c => c.System.ShouldBe("http://loinc.org"), c => c.Code.ShouldBe("44261-6"));
        ((Integer)observation.Value).Value.ShouldBe(13);
        observation.Component.Take(9).Select(c => (c.Code.Coding.Single().Code, ((Integer)c.Value).Value))
            .ShouldBe(phq9.Items.Select((answer, i) => ($"phq-9-item-{i + 1}", (int?)answer)));
        ((CodeableConcept)observation.Component[9].Value).Coding.Single().Code.ShouldBe("phq-9-band-moderate");
        observation.Note.Single().Text.ShouldBe("a hard month");
        var csbd = FhirMapping.Measure(ClientId, new MeasureRecorded(Guid.NewGuid(), At, "csbd-19", [.. Enumerable.Repeat(3, 19)], null, At, ByClient));
        csbd.Code.Coding.Single().System.ShouldBe(FhirCodes.Local, "CSBD-19 has no LOINC code");
        ((CodeableConcept)csbd.Component[^1].Value).Text.ShouldContain("not a diagnosis");
        fhir.ShouldHaveNoErrors(FhirMapping.BundleOf(new FhirRecord(ClientId, [phq9], []), Guid.NewGuid(), At));
    }

    [Fact]
    public void a_thought_record_keeps_its_texts_ratings_and_distortions()
    {
        var thought = new ThoughtRecordWritten(Guid.NewGuid(), At, "after the call", "I ruin everything",
            [new EmotionRating("shame", 80, 40), new EmotionRating("anxiety", 60, null)], ["labeling"], null, "I repaired it before",
            "one call is not my worth", null, At, ByClient);

        var observation = FhirMapping.Thought(ClientId, thought);

        observation.Component.Select(c => c.Code.Coding.Single().Code).ShouldBe(["situation", "automatic-thought", "emotion-before-shame",
            "emotion-after-shame", "emotion-before-anxiety", "thinking-distortion", "evidence-against", "balanced-thought"]);
        fhir.ShouldHaveNoErrors(FhirMapping.BundleOf(new FhirRecord(ClientId, [thought], []), Guid.NewGuid(), At));
    }

    [Fact]
    public void a_goal_is_a_goal_resource_whose_status_follows_the_goals_and_validates()
    {
        var by = new Recorder("clinician", Guid.NewGuid());
        var (active, achieved, dropped, fresh) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var record = new FhirRecord(ClientId,
        [
            new RecoveryPlanChanged(1, ["acting out"], [], [], At, At, ByClient),
            new GoalSet(active, "trauma", "Sleep through the night", new DateOnly(2027, 2, 1), At, At, by),
            new GoalReviewed(active, 4, "two good nights", At.AddDays(7), At.AddDays(7), by),
            new GoalReviewed(active, 6, null, At.AddDays(14), At.AddDays(14), by),
            new GoalSet(achieved, "intimacy", "Talk about needs", null, At, At, by),
            new GoalStatusChanged(achieved, "achieved", At.AddDays(20), At.AddDays(20), by),
            new GoalSet(dropped, "other", "Run a marathon", null, At, At, by),
            new GoalStatusChanged(dropped, "dropped", At.AddDays(21), At.AddDays(21), by),
            new GoalSet(fresh, "self-esteem", "Name a strength a day", null, At, At, by),
            new GoalSet(active, "trauma", "Sleep six hours", new DateOnly(2027, 2, 1), At.AddDays(15), At.AddDays(15), by),
        ], []);

        var bundle = FhirMapping.BundleOf(record, Guid.NewGuid(), At.AddDays(30));

        var goals = bundle.Entry.Select(e => e.Resource).OfType<Goal>().ToList();
        goals.Select(g => g.Description.Text).ShouldBe(["Sleep six hours", "Talk about needs", "Run a marathon", "Name a strength a day"]);
        goals.Select(g => (g.LifecycleStatus, g.AchievementStatus?.Coding.Single().Code)).ShouldBe(
        [
            (Goal.GoalLifecycleStatus.Active, "in-progress"), (Goal.GoalLifecycleStatus.Completed, "achieved"),
            (Goal.GoalLifecycleStatus.Cancelled, "not-achieved"), (Goal.GoalLifecycleStatus.Active, null),
        ]);
        var first = goals[0];
        first.Category.Single().Coding.Single().Code.ShouldBe("goal-area-trauma");
        first.Subject.Reference.ShouldBe($"urn:uuid:{ClientId}");
        ((Date)first.Start).Value.ShouldBe("2026-11-20");
        ((Date)first.Target.Single().Due).Value.ShouldBe("2027-02-01");
        first.Note.Select(n => n.Text).ShouldBe(["Progress 4/10: two good nights", "Progress 6/10"]);
        goals[1].Target.ShouldBeEmpty();
        goals.Select(g => g.Id).Distinct().Count().ShouldBe(4);
        bundle.Entry.Select(e => e.Resource).OfType<CarePlan>().Single().Goal.Select(g => g.Reference)
            .ShouldBe(goals.Select(g => $"urn:uuid:{g.Id}"));
        var issues = fhir.ShouldHaveNoErrors(bundle);
        output.WriteLine(FhirValidation.Describe(issues));
    }

    [Fact]
    public void the_validator_is_no_rubber_stamp()
    {
        var bundle = FhirMapping.BundleOf(new FhirRecord(ClientId, [CheckIn()], []), Guid.NewGuid(), At);
        var observation = bundle.Entry.Select(e => e.Resource).OfType<Observation>().Single();
        observation.Status = null;
        observation.Component[0].Code = null;

        var issues = fhir.Issues(bundle);

        output.WriteLine(FhirValidation.Describe(issues));
        issues.Count(FhirValidation.IsError).ShouldBeGreaterThanOrEqualTo(2, "a missing status and a component without a code");
    }

    private static Alert Alert(string status) => new()
    {
        Id = Guid.NewGuid(), ClientId = ClientId, Rule = "slip-cluster", RuleVersion = 1, Severity = "medium", Status = status, RaisedAt = At,
    };
}

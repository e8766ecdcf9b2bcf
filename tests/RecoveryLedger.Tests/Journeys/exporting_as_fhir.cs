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

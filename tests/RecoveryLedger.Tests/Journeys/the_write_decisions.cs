using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Journeys.ChangingPlan;
using RecoveryLedger.Api.Journeys.Enrolling;
using RecoveryLedger.Api.Journeys.ManagingCareTeam;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// The pure decisions of the write slices, without a database or a host: what each returns for a state
/// and a command. The HTTP tests cover the wiring (locks, guards, status codes) around them.
/// </summary>
public sealed class the_write_decisions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Clinician = new(Guid.NewGuid(), Roles.Clinician);
    private static readonly Caller Admin = new(Guid.NewGuid(), Roles.Admin);

    private static Journey AJourney(int planVersion = 0, params Guid[] careTeam) => new()
    {
        Id = Guid.NewGuid(), TimeZone = "Europe/Berlin", SobrietyStartedAt = Now.AddDays(-40), EnrolledAt = Now.AddDays(-40),
        PlanVersion = planVersion, CareTeam = [.. careTeam],
    };

    [Fact]
    public void a_plan_change_is_the_next_version_unless_if_match_names_another()
    {
        var plan = new ChangePlan(["a"], ["b"], ["c"]);
        var journey = AJourney(planVersion: 3);

        plan.Decide(journey, ifMatch: null, Clinician, Now)!.Version.ShouldBe(4);
        plan.Decide(journey, "\"3\"", Clinician, Now)!.Version.ShouldBe(4);
        plan.Decide(journey, "W/\"3\", \"9\"", Clinician, Now).ShouldNotBeNull();
        plan.Decide(journey, "\"2\"", Clinician, Now).ShouldBeNull();
        plan.Decide(AJourney(planVersion: 0), "*", Clinician, Now).ShouldBeNull(); // no plan yet to match
        plan.Decide(journey, "*", Clinician, Now)!.RecordedBy.ShouldBe(Clinician.Recorder);
    }

    [Fact]
    public void care_team_changes_write_only_what_changes()
    {
        var member = Guid.NewGuid();
        var journey = AJourney(0, member);

        CareTeam.Decide(journey, member, add: true, Admin, Now).ShouldBeNull();
        CareTeam.Decide(journey, Guid.NewGuid(), add: false, Admin, Now).ShouldBeNull();
        CareTeam.Decide(journey, Guid.NewGuid(), add: true, Admin, Now).ShouldBeOfType<CareTeamMemberAdded>();
        CareTeam.Decide(journey, member, add: false, Admin, Now).ShouldBeOfType<CareTeamMemberRemoved>()
            .ClinicianId.ShouldBe(member);
    }

    [Fact]
    public void enrolment_puts_the_primary_and_an_enrolling_clinician_on_the_team()
    {
        var primary = Guid.NewGuid();
        var enrol = new EnrolClient(Guid.NewGuid(), "p", "Europe/Berlin", Now.AddDays(-1), primary);

        enrol.Decide(Admin, Now).OfType<CareTeamMemberAdded>().Select(e => e.ClinicianId).ShouldBe([primary]);
        enrol.Decide(Clinician, Now).OfType<CareTeamMemberAdded>().Select(e => e.ClinicianId).ShouldBe([primary, Clinician.Id]);
        enrol.Decide(Clinician, Now)[0].ShouldBeOfType<ClientEnrolled>();
    }

    [Fact]
    public void a_batch_stores_each_entry_once_and_a_clinician_only_its_kinds()
    {
        var stored = Guid.NewGuid();
        var repeated = Guid.NewGuid();
        EntryBatch batch(params (Guid Id, bool Session)[] entries) => new(entries.Select(e => e.Session
            ? (IJourneyEntry)new SessionRecorded(e.Id, Now, "individual", true, 50, null, Now, Clinician.Recorder)
            : new LapseRecorded(e.Id, Now, "inner", null, null, Now, Clinician.Recorder)).ToList());

        var fresh = Idempotency.NewEntries(batch((stored, true), (repeated, true), (repeated, true), (Guid.NewGuid(), true)).Entries,
            new HashSet<Guid> { stored });
        fresh.Select(e => e.EntryId).Distinct().Count().ShouldBe(2);
        fresh.Count.ShouldBe(2);

        batch((Guid.NewGuid(), true)).MayBeRecordedBy(Clinician).ShouldBeTrue();
        batch((Guid.NewGuid(), true), (Guid.NewGuid(), false)).MayBeRecordedBy(Clinician).ShouldBeFalse();
        batch((Guid.NewGuid(), false)).MayBeRecordedBy(new Caller(Guid.NewGuid(), Roles.Client)).ShouldBeTrue();
    }

    [Fact]
    public void an_alert_step_is_allowed_only_from_its_statuses_and_answers_the_alert_after_it()
    {
        var open = new Alert { Id = Guid.NewGuid(), Status = AlertStatus.Open };
        var step = AlertLifecycle.Acknowledge(open, Clinician.Recorder, "seen", Now)!;

        open.After(step).Status.ShouldBe(AlertStatus.Acknowledged);
        open.Status.ShouldBe(AlertStatus.Open); // the loaded alert is not changed by answering
        AlertLifecycle.Acknowledge(open.After(step), Clinician.Recorder, null, Now).ShouldBeNull();
        var resolved = open.After(AlertLifecycle.Resolve(open.After(step), Clinician.Recorder, null, Now)!);
        resolved.Status.ShouldBe(AlertStatus.Resolved);
        AlertLifecycle.Resolve(resolved, Clinician.Recorder, null, Now).ShouldBeNull();
    }

    [Fact]
    public void a_milestone_check_records_a_reached_milestone_once_and_waits_when_early()
    {
        var journey = AJourney();
        var (_, dueAt) = MilestoneSchedule.Of(journey.TimeZone, journey.SobrietyStartedAt, 30);
        var check = new CheckMilestone("clinic-a", journey.Id, 30, dueAt);

        var reached = MilestoneCheck.Decide(journey, check, Now).ShouldBeOfType<MilestoneCheck.Reached>();
        reached.Event.Days.ShouldBe(30);
        MilestoneCheck.Decide(journey, check with { DueAt = dueAt.AddDays(-1) }, Now).ShouldBeOfType<MilestoneCheck.Superseded>();
        MilestoneCheck.Decide(journey, check, dueAt.AddMinutes(-1)).ShouldBeOfType<MilestoneCheck.NotYet>().DueAt.ShouldBe(dueAt);
        journey.ReachedMilestones.Add(new MilestoneMark(30, reached.Event.ReachedOn));
        MilestoneCheck.Decide(journey, check, Now).ShouldBeOfType<MilestoneCheck.Superseded>();
    }
}

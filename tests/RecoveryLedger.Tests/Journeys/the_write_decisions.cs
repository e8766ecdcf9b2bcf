using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Alerts.Scheduling;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Api.Journeys.Appending;
using RecoveryLedger.Api.Journeys.ChangingPlan;
using RecoveryLedger.Api.Journeys.Enrolling;
using RecoveryLedger.Api.Journeys.Goals;
using RecoveryLedger.Api.Journeys.Goals.ChangingStatus;
using RecoveryLedger.Api.Journeys.Goals.Reviewing;
using RecoveryLedger.Api.Journeys.Goals.Setting;
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
        var history = new SobrietyHistory
        {
            Id = Guid.NewGuid(), TimeZone = "Europe/Berlin", SobrietyStartedAt = Now.AddDays(-40), EnrolledAt = Now.AddDays(-40),
        };
        var (_, dueAt) = MilestoneSchedule.Of(history.TimeZone, history.SobrietyStartedAt, 30);
        var check = new CheckMilestone("clinic-a", history.Id, 30, dueAt);
        var start = new StreakStart(history, LatestRestartAt: null);

        var reached = MilestoneCheck.Decide(start, check, Now).ShouldBeOfType<MilestoneCheck.Reached>();
        reached.Event.Days.ShouldBe(30);
        MilestoneCheck.Decide(start, check with { DueAt = dueAt.AddDays(-1) }, Now).ShouldBeOfType<MilestoneCheck.Superseded>();
        MilestoneCheck.Decide(start, check, dueAt.AddMinutes(-1)).ShouldBeOfType<MilestoneCheck.NotYet>().DueAt.ShouldBe(dueAt);
        history.ReachedMilestones.Add(new MilestoneMark(30, reached.Event.ReachedOn));
        MilestoneCheck.Decide(start, check, Now).ShouldBeOfType<MilestoneCheck.Superseded>();
    }

    [Fact]
    public void a_goal_is_set_then_reworded_keeping_when_it_was_set_and_its_status()
    {
        var goalId = Guid.NewGuid();
        var setGoal = new SetGoal("trauma", "Sleep through the night", new DateOnly(2027, 3, 1));

        var first = setGoal.Decide(current: null, goalId, Clinician, Now).ShouldNotBeNull();
        var goal = TreatmentGoal.After(null, first)!;
        goal.Reviews.ShouldBeEmpty();
        goal.ShouldBe(new TreatmentGoal(goalId, "trauma", "Sleep through the night", new DateOnly(2027, 3, 1), "active", Now, null, goal.Reviews));
        setGoal.Decide(goal, goalId, Clinician, Now.AddDays(1)).ShouldBeNull(); // as it already reads: nothing new

        var dropped = TreatmentGoal.After(goal, new GoalStatusChanged(goalId, "dropped", Now, Now, Clinician.Recorder))!;
        var rewording = (setGoal with { Statement = "Sleep six hours", TargetDate = null }).Decide(dropped, goalId, Clinician, Now.AddDays(2))!;
        rewording.RecordedBy.ShouldBe(Clinician.Recorder);
        TreatmentGoal.After(dropped, rewording).ShouldBe(dropped with { Statement = "Sleep six hours", TargetDate = null });
    }

    [Fact]
    public void only_an_active_goal_is_reviewed_and_progress_is_the_latest_review()
    {
        var goal = TreatmentGoal.After(null, new SetGoal("other", "s", null).Decide(null, Guid.NewGuid(), Clinician, Now)!)!;

        var reviewed = TreatmentGoal.After(goal, new ReviewGoal(3, "a start").Decide(goal, Clinician, Now)!)!;
        reviewed = TreatmentGoal.After(reviewed, new ReviewGoal(7, null).Decide(reviewed, Clinician, Now.AddDays(7))!)!;
        reviewed.Progress.ShouldBe(7);
        reviewed.Reviews.ShouldBe([new GoalReview(Now, 3, "a start"), new GoalReview(Now.AddDays(7), 7, null)]);
        goal.Reviews.ShouldBeEmpty(); // the loaded goal is not changed by answering

        foreach (var closed in new[] { "achieved", "dropped" })
        {
            var closedGoal = TreatmentGoal.After(reviewed, new ChangeGoalStatus(closed).Decide(reviewed, Clinician, Now)!)!;
            new ReviewGoal(9, null).Decide(closedGoal, Clinician, Now).ShouldBeNull();
            new ChangeGoalStatus(closed).Decide(closedGoal, Clinician, Now).ShouldBeNull(); // already so: nothing new
            var reopened = TreatmentGoal.After(closedGoal, new ChangeGoalStatus("active").Decide(closedGoal, Clinician, Now)!)!;
            new ReviewGoal(9, null).Decide(reopened, Clinician, Now).ShouldNotBeNull();
        }
    }

    [Fact]
    public void only_a_care_team_clinician_manages_goals_and_the_client_reads_them()
    {
        var journey = AJourney(0, Clinician.Id);
        var self = new Caller(journey.Id, Roles.Client);

        Reach.Allows(Clinician, journey, Purpose.ManageGoals, DateTimeOffset.UtcNow).ShouldBeTrue();
        Reach.Allows(new Caller(Guid.NewGuid(), Roles.Clinician), journey, Purpose.ManageGoals, DateTimeOffset.UtcNow).ShouldBeFalse();
        Reach.Allows(self, journey, Purpose.ManageGoals, DateTimeOffset.UtcNow).ShouldBeFalse();
        Reach.Allows(self, journey, Purpose.ReadClinical, DateTimeOffset.UtcNow).ShouldBeTrue();
        Reach.Allows(Admin, journey, Purpose.ManageGoals, DateTimeOffset.UtcNow).ShouldBeFalse();
    }
}

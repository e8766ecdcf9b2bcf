using Hl7.Fhir.Model;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Journeys.Goals;
using static RecoveryLedger.Api.Journeys.Exporting.FhirCodes;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>What a FHIR export is made of, as read: the journey's events in stream order and the client's alerts.</summary>
public sealed record FhirRecord(Guid ClientId, IReadOnlyList<object> Events, IReadOnlyList<Alert> Alerts);

/// <summary>
/// The record as a FHIR R4 Bundle (contract "Export", docs/fhir.md): pure functions, one per resource, with no
/// I/O, so that each mapping is tested on its own. Every resource's id is the id of what it maps (entry, alert,
/// client) or a name-based one, and its <c>fullUrl</c> is <c>urn:uuid:</c> + that id; every resource but the
/// Patient has the Patient as its subject. Neither the pseudonym nor any other name is ever written.
/// </summary>
public static class FhirMapping
{
    public static Bundle BundleOf(FhirRecord record, Guid bundleId, DateTimeOffset exportedAt) => new()
    {
        Id = bundleId.ToString(),
        Meta = new Meta { Security = [.. SecurityLabels.Select(Copy)] },
        Type = Bundle.BundleType.Collection,
        Timestamp = exportedAt,
        Entry = [.. Resources(record).Select(r => new Bundle.EntryComponent { FullUrl = FullUrl(r.Id!), Resource = r })],
    };

    /// <summary>
    /// The Patient, then the Observations (one per check-in, urge, coping success, lapse, measure and thought record),
    /// the Encounters (one per session), the CarePlan of the current plan, a Goal per treatment goal (in the order they
    /// were set) and a Flag per active alert; each kind in stream order.
    /// </summary>
    public static IEnumerable<Resource> Resources(FhirRecord record)
    {
        var clientId = record.ClientId;
        var urges = record.Events.OfType<UrgeLogged>().Select(u => u.EntryId).ToHashSet();
        yield return Patient(clientId);
        foreach (var e in record.Events)
        {
            var observation = e switch
            {
                CheckInRecorded c => CheckIn(clientId, c),
                UrgeLogged u => Urge(clientId, u),
                CopingSuccessRecorded c => Coping(clientId, c, c.UrgeId is { } urge && urges.Contains(urge)),
                LapseRecorded l => Lapse(clientId, l),
                MeasureRecorded m => Measure(clientId, m),
                ThoughtRecordWritten t => Thought(clientId, t),
                _ => null,
            };
            if (observation is not null) yield return observation;
        }
        foreach (var session in record.Events.OfType<SessionRecorded>()) yield return Session(clientId, session);
        var goals = ClientGoals.Of(record.Events).Goals.Select(goal => Goal(clientId, goal)).ToList();
        if (record.Events.OfType<RecoveryPlanChanged>().LastOrDefault() is { } plan) yield return Plan(clientId, plan, goals);
        foreach (var goal in goals) yield return goal;
        foreach (var alert in record.Alerts.Where(a => a.IsActive)) yield return Flag(alert);
    }

    public static string FullUrl(Guid id) => FullUrl(id.ToString());
    private static string FullUrl(string id) => $"urn:uuid:{id}";

    /// <summary>Id only: the pseudonym is not a name, and the record holds no other demographics.</summary>
    public static Patient Patient(Guid clientId) => new() { Id = clientId.ToString() };

    public static Observation CheckIn(Guid clientId, CheckInRecorded e)
    {
        var observation = Entry(clientId, e, FhirCodes.CheckIn);
        observation.Component.AddRange(
        [
            Component(Mood, new Integer(e.Mood)),
            Component(Craving, new Integer(e.Craving)),
            Component(HaltHungry, new FhirBoolean(e.Halt.Hungry)),
            Component(HaltAngry, new FhirBoolean(e.Halt.Angry)),
            Component(HaltLonely, new FhirBoolean(e.Halt.Lonely)),
            Component(HaltTired, new FhirBoolean(e.Halt.Tired)),
        ]);
        if (e.SleepHours is { } hours) observation.Component.Add(Component(SleepDuration, Quantity(hours, "h")));
        observation.Component.Add(Component(SafetyConcern, new FhirBoolean(e.SafetyConcern)));
        return observation;
    }

    public static Observation Urge(Guid clientId, UrgeLogged e)
    {
        var observation = Entry(clientId, e, FhirCodes.Urge);
        observation.Component.Add(Component(UrgeIntensity, new Integer(e.Intensity)));
        observation.Component.AddRange(e.Triggers.Select(t => Component(UrgeTrigger, Concept(Trigger(t)))));
        if (e.DurationMinutes is { } minutes) observation.Component.Add(Component(UrgeDuration, Quantity(minutes, "min")));
        return observation;
    }

    /// <param name="urgeExported">Whether the urge it answered is in the same Bundle (then it is referenced).</param>
    public static Observation Coping(Guid clientId, CopingSuccessRecorded e, bool urgeExported)
    {
        var observation = Entry(clientId, e, CopingSuccess);
        observation.Component.Add(Component(CopingStrategy, Concept(Strategy(e.Strategy))));
        observation.Component.Add(Component(CopingOutcome, Concept(Outcome(e.Outcome))));
        if (urgeExported && e.UrgeId is { } urge) observation.DerivedFrom.Add(new ResourceReference(FullUrl(urge)));
        return observation;
    }

    public static Observation Lapse(Guid clientId, LapseRecorded e)
    {
        var observation = Entry(clientId, e, FhirCodes.Lapse);
        observation.Component.Add(Component(LapseCircle, Concept(Circle(e.Circle))));
        if (e.Behavior is { Length: > 0 } behavior) observation.Component.Add(Component(LapseBehavior, new FhirString(behavior)));
        return observation;
    }

    /// <summary>
    /// A measure: the total score as the value (LOINC 44261-6 PHQ-9, 70274-6 GAD-7, a local code for CSBD-19), each
    /// answer as a component in the instrument's order, and the band; category survey.
    /// </summary>
    public static Observation Measure(Guid clientId, MeasureRecorded e)
    {
        var scored = Domain.Measures.Instrument.Named(e.Instrument)!.Scored(e.Items);
        var observation = Entry(clientId, e, MeasureTotal(e.Instrument));
        observation.Value = new Integer(scored.Score);
        observation.Component.AddRange(e.Items.Select((answer, index) => Component(MeasureItem(e.Instrument, index + 1), new Integer(answer))));
        observation.Component.Add(Component(ScoreBand, Concept(MeasureBand(e.Instrument, scored.Band))));
        return observation;
    }

    /// <summary>A CBT thought record: each text, each emotion's ratings and each distortion as a component.</summary>
    public static Observation Thought(Guid clientId, ThoughtRecordWritten e)
    {
        var observation = Entry(clientId, e, FhirCodes.ThoughtRecord);
        observation.Component.Add(Component(FhirCodes.Situation, new FhirString(e.Situation)));
        observation.Component.Add(Component(FhirCodes.AutomaticThought, new FhirString(e.AutomaticThought)));
        foreach (var emotion in e.Emotions)
        {
            observation.Component.Add(Component(EmotionBefore(emotion.Name), new Integer(emotion.Before)));
            if (emotion.After is { } after) observation.Component.Add(Component(EmotionAfter(emotion.Name), new Integer(after)));
        }
        observation.Component.AddRange(e.Distortions.Select(d => Component(Distortion, Concept(DistortionWord(d)))));
        foreach (var (code, text) in new[] { (FhirCodes.EvidenceFor, e.EvidenceFor), (FhirCodes.EvidenceAgainst, e.EvidenceAgainst), (FhirCodes.BalancedThought, e.BalancedThought) })
            if (text is { Length: > 0 }) observation.Component.Add(Component(code, new FhirString(text)));
        return observation;
    }

    /// <summary>
    /// <c>finished</c> when attended, <c>cancelled</c> when missed; the duration only for one that took place. R4's
    /// Encounter has no note: a session's note is in the JSON export only (docs/fhir.md).
    /// </summary>
    public static Encounter Session(Guid clientId, SessionRecorded e) => new()
    {
        Id = e.EntryId.ToString(),
        Status = e.Attended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled,
        Class = Copy(Ambulatory),
        Type = [Concept(SessionKind(e.SessionKind))],
        Subject = Subject(clientId),
        Period = new Period { StartElement = new FhirDateTime(e.OccurredAt) },
        Length = e.Attended && e.DurationMinutes is { } minutes ? Duration(minutes) : null,
    };

    /// <summary>
    /// The current plan: one activity per item of a circle, its code the circle and its description the item as the
    /// client wrote it; an inner-circle item is something not to do (<c>doNotPerform</c>). The treatment goals, when
    /// there are any, are its <c>goal</c>s.
    /// </summary>
    public static CarePlan Plan(Guid clientId, RecoveryPlanChanged plan, IEnumerable<Goal>? goals = null) => new()
    {
        Id = DeterministicGuid.From("fhir-careplan", clientId.ToString(), plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
        Status = RequestStatus.Active,
        Intent = CarePlan.CarePlanIntent.Plan,
        Category = [Concept(RecoveryPlan)],
        Title = $"Recovery plan, version {plan.Version}",
        Subject = Subject(clientId),
        Period = new Period { StartElement = new FhirDateTime(plan.OccurredAt) },
        CreatedElement = new FhirDateTime(plan.OccurredAt),
        Activity =
        [
            .. Activities(Vocabulary.Circle.Inner, plan.Inner, doNotPerform: true),
            .. Activities(Vocabulary.Circle.Middle, plan.Middle),
            .. Activities("outer", plan.Outer),
        ],
        Goal = [.. (goals ?? []).Select(goal => new ResourceReference(FullUrl(goal.Id!)))],
    };

    /// <summary>
    /// A treatment goal as it stands: <c>active</c>, <c>completed</c> (achieved) or <c>cancelled</c> (dropped); the
    /// statement as its description, the area as its category, the target date as its due date, and each review as a
    /// note at the review's time ("Progress 6/10", then the clinician's note). Its id is name-based: goal ids are per client.
    /// </summary>
    public static Goal Goal(Guid clientId, TreatmentGoal goal) => new()
    {
        Id = DeterministicGuid.From("fhir-goal", clientId.ToString(), goal.GoalId.ToString()).ToString(),
        LifecycleStatus = goal.Status switch
        {
            Vocabulary.GoalStatus.Achieved => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Completed,
            Vocabulary.GoalStatus.Dropped => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Cancelled,
            _ => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
        },
        AchievementStatus = goal.Status switch
        {
            Vocabulary.GoalStatus.Achieved => Concept(GoalAchieved),
            Vocabulary.GoalStatus.Dropped => Concept(GoalNotAchieved),
            _ => goal.Reviews.Count > 0 ? Concept(GoalInProgress) : null,
        },
        Category = [Concept(GoalArea(goal.Area))],
        Description = new CodeableConcept { Text = goal.Statement },
        Subject = Subject(clientId),
        Start = new Date(Day(DateOnly.FromDateTime(goal.SetAt.UtcDateTime))),
        Target = goal.TargetDate is { } due ? [new Hl7.Fhir.Model.Goal.TargetComponent { Due = new Date(Day(due)) }] : [],
        Note = [.. goal.Reviews.Select(r => new Annotation
        {
            Time = new FhirDateTime(r.At).Value,
            Text = r.Note is { Length: > 0 } note ? $"Progress {r.Progress}/10: {note}" : $"Progress {r.Progress}/10",
        })],
    };

    /// <summary>An open or acknowledged alert (a resolved one is not exported): <c>active</c> since it was raised.</summary>
    public static Flag Flag(Alert alert) => new()
    {
        Id = alert.Id.ToString(),
        Status = Hl7.Fhir.Model.Flag.FlagStatus.Active,
        Category = [Concept(Behavioral)],
        Code = Concept(AlertRule(alert.Rule)),
        Subject = Subject(alert.ClientId),
        Period = new Period { StartElement = new FhirDateTime(alert.RaisedAt) },
    };

    /// <summary>What every entry's Observation has: final, the Patient as subject, when it happened and was stored, its note.</summary>
    private static Observation Entry(Guid clientId, IJourneyEntry e, Coding code)
    {
        var observation = new Observation
        {
            Id = e.EntryId.ToString(),
            Status = ObservationStatus.Final,
            Category = [Concept(Survey)],
            Code = Concept(code),
            Subject = Subject(clientId),
            Effective = new FhirDateTime(e.OccurredAt),
            Issued = e.RecordedAt,
        };
        if (e.RecordedBy.Role == Identity.Roles.Client) observation.Performer.Add(Subject(clientId));
        if (e.Note is { Length: > 0 } note) observation.Note.Add(new Annotation { Text = note });
        return observation;
    }

    private static IEnumerable<CarePlan.ActivityComponent> Activities(string circle, IEnumerable<string> items, bool doNotPerform = false) =>
        items.Select(item => new CarePlan.ActivityComponent
        {
            Detail = new CarePlan.DetailComponent
            {
                Code = Concept(Circle(circle)),
                Status = CarePlan.CarePlanActivityStatus.InProgress,
                DoNotPerform = doNotPerform ? true : null,
                Description = item,
            },
        });

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static ResourceReference Subject(Guid clientId) => new(FullUrl(clientId));

    private static Observation.ComponentComponent Component(Coding code, DataType value) => new() { Code = Concept(code), Value = value };

    private static Quantity Quantity(decimal value, string unit) => new() { Value = value, Unit = unit, System = Ucum, Code = unit };

    private static Duration Duration(int minutes) => new() { Value = minutes, Unit = "min", System = Ucum, Code = "min" };
}

using Hl7.Fhir.Model;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>
/// Every code the FHIR export writes (docs/fhir.md lists them with their meaning). A standard code where
/// one really fits; everything else from the one local code system, <see cref="Local"/>.
/// </summary>
public static class FhirCodes
{
    /// <summary>The local code system: the programme's own concepts, which no standard terminology has.</summary>
    public const string Local = "https://recoveryledger.example/fhir/CodeSystem/recoveryledger";

    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
    public const string GoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement";

    /// <summary>LOINC 93832-4 "Sleep duration": the hours slept that a check-in reports.</summary>
    public static readonly Coding SleepDuration = new(Loinc, "93832-4", "Sleep duration");

    /// <summary>The Bundle's security labels: confidentiality R, sensitivities PSY and SEX (contract "Export").</summary>
    public static readonly IReadOnlyList<Coding> SecurityLabels =
    [
        new(Confidentiality, "R", "restricted"),
        new(ActCode, "PSY", "psychiatry disorder information sensitivity"),
        new(ActCode, "SEX", "sexuality and reproductive health information sensitivity"),
    ];

    /// <summary>v3 ActCode AMB: an outpatient contact, which every session of the programme is.</summary>
    public static readonly Coding Ambulatory = new(ActCode, "AMB", "ambulatory");

    public static readonly Coding Survey = new(ObservationCategory, "survey", "Survey");
    public static readonly Coding Behavioral = new(FlagCategory, "behavioral", "Behavioral");

    // Observations (one per entry) and their components.
    public static readonly Coding CheckIn = Of("check-in", "Check-in");
    public static readonly Coding Urge = Of("urge", "Urge");
    public static readonly Coding CopingSuccess = Of("coping-success", "Coping success");
    public static readonly Coding Lapse = Of("lapse", "Lapse");
    public static readonly Coding Mood = Of("mood", "Mood (1-5)");
    public static readonly Coding Craving = Of("craving", "Craving (0-10)");
    public static readonly Coding HaltHungry = Of("halt-hungry", "HALT: hungry");
    public static readonly Coding HaltAngry = Of("halt-angry", "HALT: angry");
    public static readonly Coding HaltLonely = Of("halt-lonely", "HALT: lonely");
    public static readonly Coding HaltTired = Of("halt-tired", "HALT: tired");
    public static readonly Coding SafetyConcern = Of("safety-concern", "Safety concern");
    public static readonly Coding UrgeIntensity = Of("urge-intensity", "Urge intensity (0-10)");
    public static readonly Coding UrgeTrigger = Of("urge-trigger", "Urge trigger");
    public static readonly Coding UrgeDuration = Of("urge-duration", "Urge duration");
    public static readonly Coding CopingStrategy = Of("coping-strategy", "Coping strategy");
    public static readonly Coding CopingOutcome = Of("coping-outcome", "Coping outcome");
    public static readonly Coding LapseCircle = Of("lapse-circle", "Lapse circle");
    public static readonly Coding LapseBehavior = Of("lapse-behavior", "Lapse behavior");

    // Measures: the total score under its LOINC code where one exists (CSBD-19 has none), each answer and the band.
    public static readonly Coding Phq9Total = new(Loinc, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]");
    public static readonly Coding Gad7Total = new(Loinc, "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]");
    public static readonly Coding Csbd19Total = Of("csbd-19-total", "Compulsive Sexual Behavior Disorder Scale (CSBD-19) total score");
    public static readonly Coding ThoughtRecord = Of("thought-record", "CBT thought record");
    public static readonly Coding Situation = Of("situation", "Situation");
    public static readonly Coding AutomaticThought = Of("automatic-thought", "Automatic thought");
    public static readonly Coding EvidenceFor = Of("evidence-for", "Evidence for the thought");
    public static readonly Coding EvidenceAgainst = Of("evidence-against", "Evidence against the thought");
    public static readonly Coding BalancedThought = Of("balanced-thought", "Balanced thought");
    public static readonly Coding Distortion = Of("thinking-distortion", "Thinking distortion");

    public static readonly Coding RecoveryPlan = Of("recovery-plan", "Three-circle recovery plan");

    // Goal achievement (FHIR's own code system for Goal.achievementStatus).
    public static readonly Coding GoalInProgress = new(GoalAchievement, "in-progress", "In Progress");
    public static readonly Coding GoalAchieved = new(GoalAchievement, "achieved", "Achieved");
    public static readonly Coding GoalNotAchieved = new(GoalAchievement, "not-achieved", "Not Achieved");

    // Words of the contract's closed vocabularies, each family under its own prefix (docs/fhir.md).
    public static Coding Trigger(string word) => Word("trigger", word);
    public static Coding Strategy(string word) => Word("strategy", word);
    public static Coding Outcome(string word) => Word("outcome", word);
    public static Coding Circle(string word) => Word("circle", word);
    public static Coding SessionKind(string word) => Word("session", word);
    public static Coding AlertRule(string rule) => Word("alert", rule);
    public static Coding DistortionWord(string word) => Word("distortion", word);
    public static Coding EmotionBefore(string emotion) => Word("emotion-before", emotion);
    public static Coding EmotionAfter(string emotion) => Word("emotion-after", emotion);

    /// <summary>The total score's code: LOINC for PHQ-9 and GAD-7, local for CSBD-19.</summary>
    public static Coding MeasureTotal(string instrument) => instrument switch
    {
        "phq-9" => Phq9Total,
        "gad-7" => Gad7Total,
        _ => Csbd19Total,
    };

    /// <summary><c>phq-9</c> answer 9 is <c>phq-9-item-9</c>, "PHQ-9 item 9" (the item texts are the instrument's, not stored).</summary>
    public static Coding MeasureItem(string instrument, int number) =>
        Of($"{instrument}-item-{number}", $"{instrument.ToUpperInvariant()} item {number}");

    /// <summary>The band of a total score; CSBD-19's says what its cut-off is and is not (product.md).</summary>
    public static Coding MeasureBand(string instrument, string band) => Of($"{instrument}-band-{band}",
        instrument == "csbd-19" ? $"CSBD-19 {band.Replace('-', ' ')} 50 (a screening threshold, not a diagnosis)" : $"{instrument.ToUpperInvariant()} {band.Replace('-', ' ')}");

    public static readonly Coding ScoreBand = Of("score-band", "Score band");
    public static Coding GoalArea(string word) => Of($"goal-area-{word}", $"Goal area: {word.Replace('-', ' ')}");

    public static CodeableConcept Concept(Coding coding) => new() { Coding = [Copy(coding)], Text = coding.Display };

    /// <summary>A fresh copy: POCOs are mutable, so no resource shares a coding with another.</summary>
    public static Coding Copy(Coding coding) => new(coding.System, coding.Code, coding.Display);

    private static Coding Of(string code, string display) => new(Local, code, display);

    /// <summary><c>late-night</c> under <c>trigger</c> is <c>trigger-late-night</c>, shown as "Trigger: late night".</summary>
    private static Coding Word(string family, string word) =>
        Of($"{family}-{word}", $"{char.ToUpperInvariant(family[0])}{family[1..]}: {word.Replace('-', ' ')}");
}

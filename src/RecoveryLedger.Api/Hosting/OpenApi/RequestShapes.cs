using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace RecoveryLedger.Api.Hosting.OpenApi;

// The documented request bodies. The endpoints validate the raw JSON themselves (path-keyed errors,
// strict instants, integers only); these types only describe the contract in the OpenAPI document.

public sealed class EnrolClientBody
{
    [Description("Optional; a new UUID when absent. The same id again in the clinic is a 409.")]
    public Guid? ClientId { get; init; }
    [Required, StringLength(64, MinimumLength = 1), Description("A pseudonym, never a real name.")]
    public string Pseudonym { get; init; } = "";
    [Required, Description("IANA time zone, e.g. Europe/Berlin: the streak's calendar.")]
    public string TimeZone { get; init; } = "";
    [Required, Description("Instant with offset; at most 5 minutes in the future.")]
    public DateTimeOffset SobrietyStartedAt { get; init; }
    [Description("Default: the calling clinician. Required when an admin enrols.")]
    public Guid? PrimaryClinicianId { get; init; }
}

public sealed class CareTeamMemberBody
{
    [Required] public Guid ClinicianId { get; init; }
}

public sealed class PlanBody
{
    [Required, MaxLength(50), Description("Inner circle: acting out; a lapse here resets the streak. Items 1–200 characters.")]
    public string[] Inner { get; init; } = [];
    [Required, MaxLength(50), Description("Middle circle: warning signs; a slip here is counted, no reset.")]
    public string[] Middle { get; init; } = [];
    [Required, MaxLength(50), Description("Outer circle: healthy behaviours.")]
    public string[] Outer { get; init; } = [];
}

public sealed class HaltBody
{
    public bool Hungry { get; init; }
    public bool Angry { get; init; }
    public bool Lonely { get; init; }
    public bool Tired { get; init; }
}

[Description("One entry. Which fields apply depends on kind; unknown properties are ignored, null means absent.")]
public sealed class EntryBody
{
    [Required, Description("Made by the app: the idempotency key (first write wins).")]
    public Guid Id { get; init; }
    [Required, Description("check-in | urge | coping | lapse | session | relationship-milestone")]
    public string Kind { get; init; } = "";
    [Required, Description("When it happened, with offset; at most 5 minutes in the future.")]
    public DateTimeOffset OccurredAt { get; init; }
    [Range(1, 5), Description("check-in*: 1–5")] public int? Mood { get; init; }
    [Range(0, 10), Description("check-in*: 0–10")] public int? Craving { get; init; }
    [Description("check-in: HALT flags, missing = false")] public HaltBody? Halt { get; init; }
    [Range(0, 24), Description("check-in: 0–24")] public decimal? SleepHours { get; init; }
    [Description("check-in: default false")] public bool? SafetyConcern { get; init; }
    [Range(0, 10), Description("urge*: 0–10")] public int? Intensity { get; init; }
    [Description("urge: stress, loneliness, boredom, conflict, fatigue, late-night, alcohol, screen-time, travel, emotional-pain, rejection, celebration, other")]
    public string[]? Triggers { get; init; }
    [Description("urge: 0–1440; session: 0–600")] public int? DurationMinutes { get; init; }
    [Description("coping*: called-support, mindfulness, exercise, left-situation, journaling, meeting, urge-surfing, prayer-meditation, distraction, other")]
    public string? Strategy { get; init; }
    [Description("coping*: resisted | partly")] public string? Outcome { get; init; }
    [Description("coping: the urge it answered")] public Guid? UrgeId { get; init; }
    [Description("lapse*: inner | middle")] public string? Circle { get; init; }
    [StringLength(200), Description("lapse: ≤ 200 characters")] public string? Behavior { get; init; }
    [Description("session*: individual | group | couples | family | twelve-step | psychiatric")] public string? SessionKind { get; init; }
    [Description("session*")] public bool? Attended { get; init; }
    [Description("relationship-milestone*: disclosure | therapeutic-disclosure | trust-agreement | boundary-set | amends | partner-check-in | reconciliation-step")]
    public string? Milestone { get; init; }
    [Description("relationship-milestone: partner | family | friend | other")] public string? With { get; init; }
    [StringLength(2000), Description("Any kind: ≤ 2000 characters. Never logged.")] public string? Note { get; init; }
}

public sealed class EntriesBody
{
    [Required, MinLength(1), MaxLength(500), Description("1–500 entries; the batch is atomic.")]
    public EntryBody[] Entries { get; init; } = [];
}

public sealed class AlertNoteBody
{
    [StringLength(2000)] public string? Note { get; init; }
}

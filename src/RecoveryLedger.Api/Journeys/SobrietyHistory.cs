namespace RecoveryLedger.Api.Journeys;

/// <summary>
/// What the streak is computed from, kept inline beside the journey (one row per client): the zone, the
/// start, every lapse with when it was stored (for as-of views) and the milestones recorded. It changes
/// only when a lapse or a milestone is appended, so the journey document, rewritten with every append,
/// no longer grows with the lapse history (issue 16), and a streak read loads nothing else.
/// </summary>
public sealed class SobrietyHistory
{
    public Guid Id { get; set; }
    public string TimeZone { get; set; } = "";
    public DateTimeOffset SobrietyStartedAt { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public List<LapseMark> Lapses { get; set; } = [];
    /// <summary>Milestones recorded on the journey (kept even when a late lapse rewrites that streak).</summary>
    public List<MilestoneMark> ReachedMilestones { get; set; } = [];

    public static SobrietyHistory Create(ClientEnrolled e) => new()
    {
        Id = e.ClientId, TimeZone = e.TimeZone, SobrietyStartedAt = e.SobrietyStartedAt, EnrolledAt = e.OccurredAt,
    };

    /// <summary>Gone with the journey when the client is erased.</summary>
    public bool ShouldDelete(ClientErased e) => true;

    public void Apply(LapseRecorded e) => Lapses.Add(new LapseMark(e.OccurredAt, e.Circle, e.RecordedAt));

    public void Apply(StreakMilestoneReached e) => ReachedMilestones.Add(new MilestoneMark(e.Days, e.ReachedOn));
}

public sealed record MilestoneMark(int Days, DateOnly ReachedOn);

/// <summary>A lapse as the streak needs it: when it happened, which circle, and when it was stored (as-of views).</summary>
public sealed record LapseMark(DateTimeOffset OccurredAt, string Circle, DateTimeOffset RecordedAt);

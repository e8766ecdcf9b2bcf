namespace RecoveryLedger.Api.Journeys;

/// <summary>
/// The streak's fixed frame, kept inline beside the journey (one row per client): the zone, the start and
/// the milestones recorded. Bounded: the lapses are rows of their own (<see cref="Sobriety.LapseMarks"/>), so
/// this changes only at enrolment and when a milestone is recorded (issue 16: a streak read no longer loads a
/// document that grows with every lapse).
/// </summary>
public sealed class SobrietyHistory
{
    public Guid Id { get; set; }
    public string TimeZone { get; set; } = "";
    public DateTimeOffset SobrietyStartedAt { get; set; }
    /// <summary>The start as UTC ticks, exact, for the latest-restart query (<see cref="Sobriety.SobrietyReads"/>).</summary>
    public long SobrietyStartedTicks { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    /// <summary>Milestones recorded on the journey (kept even when a late lapse rewrites that streak).</summary>
    public List<MilestoneMark> ReachedMilestones { get; set; } = [];

    public static SobrietyHistory Create(ClientEnrolled e) => new()
    {
        Id = e.ClientId, TimeZone = e.TimeZone, SobrietyStartedAt = e.SobrietyStartedAt,
        SobrietyStartedTicks = e.SobrietyStartedAt.UtcTicks, EnrolledAt = e.OccurredAt,
    };

    /// <summary>Gone with the journey when the client is erased.</summary>
    public bool ShouldDelete(ClientErased e) => true;

    public void Apply(StreakMilestoneReached e) => ReachedMilestones.Add(new MilestoneMark(e.Days, e.ReachedOn));
}

public sealed record MilestoneMark(int Days, DateOnly ReachedOn);

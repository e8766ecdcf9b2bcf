namespace RecoveryLedger.Api.Journeys;

/// <summary>
/// The journey's current state, kept inline with every append (one row per client): who may reach
/// it (care team, consents), what the caseload and the timed rules show, and the plan version for
/// lost-update checks. Bounded: the lapses are rows of <see cref="Sobriety.LapseMarks"/>, because this
/// document is rewritten with every append. Rebuildable from the stream at any time.
/// </summary>
public sealed class Journey
{
    public Guid Id { get; set; }
    public string Pseudonym { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public DateTimeOffset SobrietyStartedAt { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset EnrolmentRecordedAt { get; set; }
    public Guid PrimaryClinicianId { get; set; }
    public List<Guid> CareTeam { get; set; } = [];
    public int PlanVersion { get; set; }
    /// <summary>The latest occurredAt of an inner-circle lapse: whether a lapse starts the current streak.</summary>
    public DateTimeOffset? LatestInnerLapseAt { get; set; }
    /// <summary>Latest occurredAt of any entry kind (caseload).</summary>
    public DateTimeOffset? LastEntryAt { get; set; }
    /// <summary>Latest occurredAt of an entry the client recorded itself (disengagement).</summary>
    public DateTimeOffset? LastClientEntryAt { get; set; }
    public Guid? LastClientEntryId { get; set; }
    /// <summary>Every consent the client gave a supporter, current and past, in grant order.</summary>
    public List<SupporterConsent> Consents { get; set; } = [];
    public int Version { get; set; }

    public static Journey Create(ClientEnrolled e) => new()
    {
        Id = e.ClientId,
        Pseudonym = e.Pseudonym,
        TimeZone = e.TimeZone,
        SobrietyStartedAt = e.SobrietyStartedAt,
        EnrolledAt = e.OccurredAt,
        EnrolmentRecordedAt = e.RecordedAt,
        PrimaryClinicianId = e.PrimaryClinicianId,
    };

    /// <summary>An erased client has no journey to read: every endpoint answers 404 for it.</summary>
    public bool ShouldDelete(ClientErased e) => true;

    public void Apply(CareTeamMemberAdded e)
    {
        if (!CareTeam.Contains(e.ClinicianId)) CareTeam.Add(e.ClinicianId);
    }

    public void Apply(CareTeamMemberRemoved e) => CareTeam.Remove(e.ClinicianId);

    public void Apply(RecoveryPlanChanged e) => PlanVersion = e.Version;

    public void Apply(LapseRecorded e)
    {
        if (e.Circle == Vocabulary.Circle.Inner && (LatestInnerLapseAt is null || e.OccurredAt > LatestInnerLapseAt))
            LatestInnerLapseAt = e.OccurredAt;
        Saw(e);
    }

    public void Apply(SupporterConsentGranted e) =>
        Consents.Add(new SupporterConsent(e.ConsentId, e.SupporterId, e.Relationship, e.Scopes, e.OccurredAt, e.ExpiresAt));

    public void Apply(SupporterConsentRevoked e)
    {
        var index = Consents.FindIndex(c => c.ConsentId == e.ConsentId);
        if (index >= 0) Consents[index] = Consents[index] with { RevokedAt = e.OccurredAt };
    }

    /// <summary>The supporter's consent in force at <paramref name="now"/>, if any.</summary>
    public SupporterConsent? ConsentInForce(Guid supporterId, DateTimeOffset now) =>
        Consents.LastOrDefault(c => c.SupporterId == supporterId && c.InForceAt(now));

    public void Apply(CheckInRecorded e) => Saw(e);
    public void Apply(UrgeLogged e) => Saw(e);
    public void Apply(CopingSuccessRecorded e) => Saw(e);
    public void Apply(SessionRecorded e) => Saw(e);
    public void Apply(RelationshipMilestoneReached e) => Saw(e);
    public void Apply(MeasureRecorded e) => Saw(e);
    public void Apply(ThoughtRecordWritten e) => Saw(e);

    private void Saw(IJourneyEntry e)
    {
        if (LastEntryAt is null || e.OccurredAt > LastEntryAt) LastEntryAt = e.OccurredAt;
        if (e.RecordedBy.Role == Identity.Roles.Client && (LastClientEntryAt is null || e.OccurredAt > LastClientEntryAt))
        {
            LastClientEntryAt = e.OccurredAt;
            LastClientEntryId = e.EntryId;
        }
    }
}

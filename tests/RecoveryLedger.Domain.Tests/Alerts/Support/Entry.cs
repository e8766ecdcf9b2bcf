using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Support;

/// <summary>Builds the facts the rules read; every one gets a fresh id.</summary>
internal static class Entry
{
    public static UrgeFact Urge(DateTimeOffset at, int intensity) => new(Guid.NewGuid(), at, intensity);

    public static CheckInFact CheckIn(DateTimeOffset at, int craving = 0, bool safetyConcern = false) =>
        new(Guid.NewGuid(), at, craving, safetyConcern);

    public static LapseFact InnerLapse(DateTimeOffset at) => new(Guid.NewGuid(), at, Inner: true);

    public static LapseFact MiddleSlip(DateTimeOffset at) => new(Guid.NewGuid(), at, Inner: false);

    public static SessionFact AttendedSession(DateTimeOffset at) => new(Guid.NewGuid(), at, Attended: true);

    public static SessionFact MissedSession(DateTimeOffset at) => new(Guid.NewGuid(), at, Attended: false);

    /// <summary>A PHQ-9 with this total, item 9 (self-harm) answered <paramref name="selfHarm"/>, recorded at the batch instant <paramref name="recordedAt"/>.</summary>
    public static MeasureFact Phq9(DateTimeOffset at, int score, int selfHarm = 0, DateTimeOffset? recordedAt = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), at, recordedAt ?? at, "phq-9", score, selfHarm);

    public static MeasureFact Gad7(DateTimeOffset at, int score, DateTimeOffset? recordedAt = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), at, recordedAt ?? at, "gad-7", score, null);

    public static MeasureFact Csbd19(DateTimeOffset at, int score) => new(Guid.NewGuid(), at, at, "csbd-19", score, null);

    /// <summary>One check-in a day from the origin (day 0, 1, 2, …), with these cravings: a baseline.</summary>
    public static CheckInFact[] DailyCheckIns(params int[] cravings) =>
        [.. cravings.Select((craving, day) => CheckIn(At.Day(day), craving))];
}

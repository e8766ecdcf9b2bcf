using RecoveryLedger.Api.Journeys.Sobriety;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Journeys;

public sealed record MilestoneView(int Days, DateOnly ReachedOn);

public sealed record StreakView(
    Guid ClientId, string TimeZone, DateTimeOffset StreakStartedAt, int CurrentStreakDays, int LongestStreakDays,
    int TotalSoberDays, int InnerLapses, int MiddleSlips, DateTimeOffset? LastLapseAt,
    IReadOnlyList<MilestoneView> Milestones, int NextMilestoneDays);

public static class JourneyStreak
{
    /// <summary>The streak as it stood at <paramref name="now"/>, from a record read as of that instant.</summary>
    public static StreakView Of(SobrietyRecord record, DateTimeOffset now)
    {
        var history = record.History;
        var s = StreakCalculator.Calculate(history.TimeZone, history.SobrietyStartedAt, record.Lapses, now);
        return new StreakView(history.Id, history.TimeZone, s.StreakStartedAt, s.CurrentStreakDays, s.LongestStreakDays,
            s.TotalSoberDays, s.InnerLapses, s.MiddleSlips, s.LastLapseAt,
            s.Milestones.Select(m => new MilestoneView(m.Days, m.ReachedOn)).ToList(), s.NextMilestoneDays);
    }
}

using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Domain.Tests.Streaks.Support;

internal static class StreakComparison
{
    // One shared instance, so the two sides compare equal by reference.
    private static readonly IReadOnlyList<ReachedMilestone> NoMilestones = [];

    /// <summary>
    /// Record equality compares <see cref="Streak.Milestones"/> by reference, so compare the list by content
    /// and the rest by value. Instants must also agree on their offset, not only on the instant.
    /// </summary>
    public static void ShouldBeSameStreakAs(this Streak actual, Streak expected)
    {
        actual.Milestones.ShouldBe(expected.Milestones);
        (actual with { Milestones = NoMilestones }).ShouldBe(expected with { Milestones = NoMilestones });
        actual.StreakStartedAt.Offset.ShouldBe(expected.StreakStartedAt.Offset);
        actual.LastLapseAt?.Offset.ShouldBe(expected.LastLapseAt!.Value.Offset);
    }
}

using CsCheck;
using NodaTime;
using RecoveryLedger.Domain.Streaks;
using RecoveryLedger.Domain.Tests.Streaks.Support;

namespace RecoveryLedger.Domain.Tests.Streaks.Properties;

public class streak_properties
{
    private const int Iterations = 1_000;

    [Fact]
    public void shuffling_the_lapses_never_changes_the_result() =>
        StreakGenerators.Case
            .SelectMany(c => Gen.Shuffle(c.History.Lapses.ToArray()).Select(shuffled => (c, shuffled)))
            .Sample((c, shuffled) => c.WithLapses(shuffled).Calculate().ShouldBeSameStreakAs(c.Calculate()), iter: Iterations);

    [Fact]
    public void the_offsets_the_instants_are_written_with_never_change_the_result() =>
        StreakGenerators.Case.Sample(c =>
        {
            var utc = new StreakCase(
                c.History with
                {
                    SobrietyStartedAt = c.History.SobrietyStartedAt.ToUniversalTime(),
                    Lapses = [.. c.History.Lapses.Select(l => l with { OccurredAt = l.OccurredAt.ToUniversalTime() })],
                },
                c.Now.ToUniversalTime());
            utc.Calculate().ShouldBeSameStreakAs(c.Calculate());
        }, iter: Iterations);

    [Fact]
    public void the_longest_streak_is_at_least_the_current_one() =>
        StreakGenerators.Case.Sample(c =>
        {
            var streak = c.Calculate();
            streak.LongestStreakDays.ShouldBeGreaterThanOrEqualTo(streak.CurrentStreakDays);
        }, iter: Iterations);

    [Fact]
    public void a_middle_slip_changes_nothing_but_the_slip_count() =>
        Gen.Select(StreakGenerators.Case, StreakGenerators.Instant(0, 480)).Sample((c, slipAt) =>
        {
            var before = c.Calculate();
            var after = c.WithLapses([.. c.History.Lapses, new LapseRecord(slipAt, LapseCircle.Middle)]).Calculate();
            after.ShouldBeSameStreakAs(before with { MiddleSlips = before.MiddleSlips + (slipAt <= c.Now ? 1 : 0) });
        }, iter: Iterations);

    [Fact]
    public void day_counts_are_never_negative_and_never_exceed_the_days_since_the_start() =>
        StreakGenerators.Case.Sample(c =>
        {
            var streak = c.Calculate();
            var daysSinceStart = Math.Max(0, Period.DaysBetween(LocalDateOf(c.History.SobrietyStartedAt, c), LocalDateOf(c.Now, c)));

            streak.CurrentStreakDays.ShouldBeInRange(0, daysSinceStart);
            streak.LongestStreakDays.ShouldBeInRange(0, daysSinceStart);
            streak.TotalSoberDays.ShouldBeInRange(0, daysSinceStart);
        }, iter: Iterations);

    [Fact]
    public void milestones_lie_within_the_current_streak_and_the_next_lies_beyond_it() =>
        StreakGenerators.Case.Sample(c =>
        {
            var streak = c.Calculate();

            streak.Milestones.Select(m => m.Days).ShouldBe(StreakMilestones.Sequence().TakeWhile(m => m <= streak.CurrentStreakDays));
            streak.Milestones.ShouldAllBe(m => m.Days <= streak.CurrentStreakDays);
            streak.NextMilestoneDays.ShouldBeGreaterThan(streak.CurrentStreakDays);
            streak.NextMilestoneDays.ShouldBe(StreakMilestones.Sequence().First(m => m > streak.CurrentStreakDays));
        }, iter: Iterations);

    [Fact]
    public void every_lapse_up_to_now_is_counted_once() =>
        StreakGenerators.Case.Sample(c =>
        {
            var streak = c.Calculate();
            (streak.InnerLapses + streak.MiddleSlips).ShouldBe(c.History.Lapses.Count(l => l.OccurredAt <= c.Now));
        }, iter: Iterations);

    /// <summary>What a caseload row and the milestone checks read (the latest restart only) agrees with the whole history.</summary>
    [Fact]
    public void the_current_streak_from_the_latest_restart_alone_is_the_calculated_one() =>
        StreakGenerators.Case.Sample(c =>
        {
            var full = c.Calculate();
            var restarts = c.History.Lapses
                .Where(l => l.Circle == LapseCircle.Inner && l.OccurredAt >= c.History.SobrietyStartedAt && l.OccurredAt <= c.Now)
                .Select(l => (DateTimeOffset?)l.OccurredAt).ToList();
            var latest = restarts.Count == 0 ? null : restarts.MaxBy(at => at!.Value.UtcTicks);

            var current = StreakCalculator.Current(c.History.TimeZone, c.History.SobrietyStartedAt, latest, c.Now);

            current.Milestones.ShouldBe(full.Milestones);
            (current with { Milestones = [] }).ShouldBe(new CurrentStreak(full.StreakStartedAt, full.CurrentStreakDays, [], full.NextMilestoneDays));
            current.StreakStartedAt.Offset.ShouldBe(TimeSpan.Zero);
        }, iter: Iterations);

    private static LocalDate LocalDateOf(DateTimeOffset instant, StreakCase c) =>
        Instant.FromDateTimeOffset(instant).InZone(ClientTimeZones.Get(c.History.TimeZone)).Date;
}

using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Disengagement;

public class when_the_client_has_recorded_entries
{
    private static readonly TimeSpan After = TimeSpan.FromHours(72);
    private static readonly DateTimeOffset EnrolledAt = At.Origin;
    private static readonly DateTimeOffset LastEntryAt = At.Day(5);

    [Fact]
    public void it_is_due_72_hours_after_the_latest_one() =>
        TimedRules.DisengagementDueAt(EnrolledAt, LastEntryAt, After).ShouldBe(At.Day(8));

    [Fact]
    public void it_is_due_exactly_at_the_boundary_and_not_a_tick_before()
    {
        TimedRules.DisengagementIsDue(EnrolledAt, LastEntryAt, After, At.Day(8).AddTicks(-1)).ShouldBeFalse();
        TimedRules.DisengagementIsDue(EnrolledAt, LastEntryAt, After, At.Day(8)).ShouldBeTrue();
        TimedRules.DisengagementIsDue(EnrolledAt, LastEntryAt, After, At.Day(30)).ShouldBeTrue();
    }

    [Fact]
    public void a_newer_entry_moves_it_on()
    {
        TimedRules.DisengagementDueAt(EnrolledAt, At.Day(7), After).ShouldBe(At.Day(10));
        TimedRules.DisengagementIsDue(EnrolledAt, At.Day(7), After, At.Day(8)).ShouldBeFalse();
    }

    [Fact]
    public void one_from_before_enrolment_does_not_bring_it_forward() =>
        TimedRules.DisengagementDueAt(EnrolledAt, At.Day(-3), After).ShouldBe(At.Day(3));
}

using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.Disengagement;

public class when_the_client_has_recorded_nothing
{
    private static readonly TimeSpan After = TimeSpan.FromHours(72);
    private static readonly DateTimeOffset EnrolledAt = At.Day(2);

    [Fact]
    public void it_is_measured_from_enrolment() =>
        TimedRules.DisengagementDueAt(EnrolledAt, lastClientEntryAt: null, After).ShouldBe(At.Day(5));

    [Fact]
    public void it_is_due_exactly_at_the_boundary_and_not_a_tick_before()
    {
        TimedRules.DisengagementIsDue(EnrolledAt, null, After, At.Day(5).AddTicks(-1)).ShouldBeFalse();
        TimedRules.DisengagementIsDue(EnrolledAt, null, After, At.Day(5)).ShouldBeTrue();
    }
}

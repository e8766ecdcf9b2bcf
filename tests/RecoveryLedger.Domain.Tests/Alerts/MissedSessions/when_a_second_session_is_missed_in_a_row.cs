using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MissedSessions;

public class when_a_second_session_is_missed_in_a_row
{
    private static readonly SessionFact First = Entry.MissedSession(At.Day(0));

    [Fact]
    public void it_fires_high_with_both_sessions_as_evidence()
    {
        var second = Entry.MissedSession(At.Day(7));

        AlertRules.MissedSessionRule(second, History.Before(First)).ShouldFire(AlertRules.MissedSession, Severity.High, First, second);
    }

    [Fact]
    public void in_a_row_is_by_occurred_at_not_by_arrival()
    {
        var attendedLater = Entry.AttendedSession(At.Day(14)); // arrived before the new one, occurred after it
        var backDated = Entry.MissedSession(At.Day(7));

        AlertRules.MissedSessionRule(backDated, History.Before(First, attendedLater))
            .ShouldFire(AlertRules.MissedSession, Severity.High, First, backDated);
    }

    [Fact]
    public void a_third_in_a_row_is_high_too()
    {
        var second = Entry.MissedSession(At.Day(7));
        var third = Entry.MissedSession(At.Day(14));

        var trigger = AlertRules.MissedSessionRule(third, History.Before(First, second)).ShouldNotBeNull();

        trigger.Severity.ShouldBe(Severity.High);
        trigger.Evidence.ShouldContain(second.Id);
        trigger.Evidence.ShouldContain(third.Id);
    }
}

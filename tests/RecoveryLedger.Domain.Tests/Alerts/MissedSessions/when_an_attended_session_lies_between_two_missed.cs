using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MissedSessions;

public class when_an_attended_session_lies_between_two_missed
{
    [Fact]
    public void the_second_missed_is_medium_again()
    {
        var missed = Entry.MissedSession(At.Day(7));

        AlertRules.MissedSessionRule(missed, History.Before(Entry.MissedSession(At.Day(0)), Entry.AttendedSession(At.Day(3))))
            .ShouldFire(AlertRules.MissedSession, Severity.Medium, missed);
    }

    [Fact]
    public void a_back_dated_missed_session_whose_predecessor_by_occurred_at_was_attended_is_medium()
    {
        // Missed on day 0, attended on day 5, missed on day 10; then a missed session from day 6 arrives.
        var before = History.Before(Entry.MissedSession(At.Day(0)), Entry.AttendedSession(At.Day(5)), Entry.MissedSession(At.Day(10)));
        var backDated = Entry.MissedSession(At.Day(6));

        AlertRules.MissedSessionRule(backDated, before).ShouldFire(AlertRules.MissedSession, Severity.Medium, backDated);
    }
}

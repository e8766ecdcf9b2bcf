using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MissedSessions;

public class when_a_session_is_attended
{
    [Fact]
    public void nothing_fires_even_after_missed_ones()
    {
        var attended = Entry.AttendedSession(At.Day(14));
        var context = History.Before(Entry.MissedSession(At.Day(0)), Entry.MissedSession(At.Day(7)));

        AlertRules.MissedSessionRule(attended, context).ShouldBeNull();
        AlertRules.Evaluate(attended, context).ShouldBeEmpty();
    }
}

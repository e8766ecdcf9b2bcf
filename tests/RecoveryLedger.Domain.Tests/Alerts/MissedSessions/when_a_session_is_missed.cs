using RecoveryLedger.Domain.Alerts;
using RecoveryLedger.Domain.Tests.Alerts.Support;

namespace RecoveryLedger.Domain.Tests.Alerts.MissedSessions;

public class when_a_session_is_missed
{
    private static readonly SessionFact Missed = Entry.MissedSession(At.Day(7));

    [Fact]
    public void it_fires_medium_with_the_session_as_evidence() =>
        AlertRules.MissedSessionRule(Missed, History.Before()).ShouldFire(AlertRules.MissedSession, Severity.Medium, Missed);

    [Fact]
    public void it_fires_medium_after_an_attended_session() =>
        AlertRules.MissedSessionRule(Missed, History.Before(Entry.AttendedSession(At.Day(0))))
            .ShouldFire(AlertRules.MissedSession, Severity.Medium, Missed);
}

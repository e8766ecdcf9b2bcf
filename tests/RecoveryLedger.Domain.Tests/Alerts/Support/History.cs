using RecoveryLedger.Domain.Alerts;

namespace RecoveryLedger.Domain.Tests.Alerts.Support;

/// <summary>What had arrived before the new entry. The programme starts at <see cref="At.Origin"/> unless told otherwise.</summary>
internal static class History
{
    public static RuleContext Before(params Fact[] before) => new(At.Origin, before);

    public static RuleContext InProgrammeFrom(DateTimeOffset sobrietyStartedAt, params Fact[] before) => new(sobrietyStartedAt, before);
}

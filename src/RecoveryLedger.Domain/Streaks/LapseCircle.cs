namespace RecoveryLedger.Domain.Streaks;

/// <summary>Which circle of the recovery plan a lapse belongs to.</summary>
public enum LapseCircle
{
    /// <summary>Acting out: resets the current streak.</summary>
    Inner,

    /// <summary>A slip (warning-sign behaviour): counted, never resets the streak.</summary>
    Middle,
}

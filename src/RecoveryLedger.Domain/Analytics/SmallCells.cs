namespace RecoveryLedger.Domain.Analytics;

/// <summary>
/// Small-cell suppression (k = 11, as common health-data release rules): a figure that fewer than
/// k distinct clients contributed to is withheld, so that no one person's record can be read out of
/// an aggregate. A figure nobody contributed to (a count of 0) is no disclosure and stays.
/// </summary>
public static class SmallCells
{
    public const int K = 11;

    /// <summary>Withheld when 1..k−1 distinct clients contributed.</summary>
    public static bool Withheld(int contributors) => contributors is > 0 and < K;
}

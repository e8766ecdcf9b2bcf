using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.Seeding;

/// <summary>A supporter a synthetic client let see part of its journey, and when it granted that.</summary>
public sealed record SyntheticSupporter(Guid SupporterId, string Relationship, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt);

/// <summary>
/// Deterministic supporters for synthetic clients (same seed, same supporters): about a third of the clients
/// share something, most often the streak and milestones with a sponsor or partner, rarely craving (it can feel
/// like being watched). Grants lie within the last 120 days, so the default 180-day consent is in force today.
/// </summary>
public static class SyntheticSupport
{
    private static readonly string[] Relationships = ["sponsor", "partner", "sponsor", "friend", "family", "partner"];

    private static readonly string[][] ScopeChoices =
    [
        [Vocabulary.Scopes.Streak, Vocabulary.Scopes.Milestones],
        [Vocabulary.Scopes.Streak],
        [Vocabulary.Scopes.Milestones],
        [Vocabulary.Scopes.Streak, Vocabulary.Scopes.Milestones, Vocabulary.Scopes.Mood],
        [Vocabulary.Scopes.Mood, Vocabulary.Scopes.Craving],
    ];

    public static SyntheticSupporter? For(int seed, SyntheticClient client, DateTimeOffset now)
    {
        var random = new Random(unchecked(seed * 17 + BitConverter.ToInt32(client.ClientId.ToByteArray(), 4)));
        if (random.NextDouble() >= 1.0 / 3) return null;
        var supporter = DeterministicGuid.From("supporter", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), client.ClientId.ToString());
        var grantedAt = now.AddDays(-random.Next(1, 120)).AddMinutes(-random.Next(0, 24 * 60));
        return new SyntheticSupporter(supporter, Relationships[random.Next(Relationships.Length)], ScopeChoices[random.Next(ScopeChoices.Length)],
            grantedAt < client.SobrietyStartedAt ? client.SobrietyStartedAt.AddDays(1) : grantedAt);
    }
}

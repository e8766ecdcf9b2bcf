using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Journeys.Goals;
using RecoveryLedger.Api.Journeys.Goals.ChangingStatus;
using RecoveryLedger.Api.Journeys.Goals.Reviewing;
using RecoveryLedger.Api.Journeys.Goals.Setting;

namespace RecoveryLedger.Api.Seeding;

/// <summary>
/// Deterministic treatment goals for a synthetic client (same seed, same goals): 1 to 3 goals set by the primary
/// clinician in the first two weeks, reviewed about monthly with progress that mostly grows, some achieved once
/// progress is high, a few dropped. Every step goes through the goal slices' own decisions, so what is seeded is
/// what the API would have recorded.
/// </summary>
public static class SyntheticGoals
{
    private static readonly (string Area, string[] Statements)[] Areas =
    [
        ("relapse-prevention", ["Call my sponsor before acting on an urge", "Keep devices out of the bedroom at night", "Use my plan's outer circle every evening"]),
        ("emotion-regulation", ["Name the feeling before reacting", "Use a breathing exercise when shame rises"]),
        ("relationships", ["Weekly honest check-in with my partner", "Rebuild trust through small kept promises"]),
        ("intimacy", ["Talk about needs without hiding", "Plan time together without screens"]),
        ("self-esteem", ["Note one strength each day", "Speak to myself as I would to a friend"]),
        ("trauma", ["Work through one memory a month in therapy", "Notice and ground myself when triggered"]),
    ];

    private static readonly string?[] ReviewNotes = [null, null, "steady week", "harder month, still trying", "good progress", "practising daily"];

    public static IReadOnlyList<IJourneyEvent> For(int seed, SyntheticClient client, Guid clinicianId, DateTimeOffset now, int days)
    {
        var random = new Random(unchecked(seed * 13 + BitConverter.ToInt32(client.ClientId.ToByteArray(), 8)));
        var clinician = new Caller(clinicianId, Roles.Clinician);
        var start = now.AddDays(-days);
        var steps = new List<IJourneyEvent>();
        foreach (var (area, statements) in Areas.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
        {
            var goalId = DeterministicGuid.From("goal", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), client.ClientId.ToString(), area);
            var at = start.AddDays(random.Next(0, 14)).AddHours(random.Next(8, 18));
            var target = random.NextDouble() < 0.6 ? DateOnly.FromDateTime(at.AddDays(random.Next(60, 180)).UtcDateTime) : (DateOnly?)null;
            var goal = Step(steps, null, new SetGoal(area, statements[random.Next(statements.Length)], target).Decide(null, goalId, clinician, at));
            for (var progress = random.Next(1, 4); (at = at.AddDays(random.Next(26, 35))) < now; )
            {
                // Mostly forward, sometimes a step back: therapy is not a straight line.
                progress = Math.Clamp(progress + (random.NextDouble() < 0.2 ? -1 : random.Next(1, 3)), 0, 10);
                goal = Step(steps, goal, new ReviewGoal(progress, ReviewNotes[random.Next(ReviewNotes.Length)]).Decide(goal!, clinician, at));
                var close = progress >= 8 && goal!.Reviews.Count >= 2 && random.NextDouble() < 0.5 ? Vocabulary.GoalStatus.Achieved
                    : random.NextDouble() < 0.04 ? Vocabulary.GoalStatus.Dropped : null;
                if (close is null) continue;
                Step(steps, goal, new ChangeGoalStatus(close).Decide(goal!, clinician, at.AddMinutes(5)));
                break;
            }
        }
        return steps;
    }

    private static TreatmentGoal? Step(List<IJourneyEvent> steps, TreatmentGoal? goal, IJourneyEvent? step)
    {
        if (step is null) return goal;
        steps.Add(step);
        return TreatmentGoal.After(goal, step);
    }
}

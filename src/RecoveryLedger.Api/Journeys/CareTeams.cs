using Marten;

namespace RecoveryLedger.Api.Journeys;

/// <summary>The clients on a clinician's care teams in its clinic.</summary>
public static class CareTeams
{
    public static async Task<IReadOnlyList<Journey>> ClientsOf(IQuerySession session, Guid clinicianId, CancellationToken cancellation) =>
        await session.Query<Journey>().Where(j => j.CareTeam.Contains(clinicianId)).ToListAsync(cancellation);
}

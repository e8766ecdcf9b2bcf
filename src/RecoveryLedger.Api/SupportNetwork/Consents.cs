using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;

namespace RecoveryLedger.Api.SupportNetwork;

public static class Consents
{
    /// <summary>The revocation of the supporter's open consent, if it has one (expired or not): nothing otherwise.</summary>
    public static IEnumerable<SupporterConsentRevoked> EndOpen(Journey journey, Guid supporterId, Caller caller, DateTimeOffset now) =>
        journey.Consents.Where(c => c.SupporterId == supporterId && c.IsOpen)
            .Select(c => new SupporterConsentRevoked(c.ConsentId, supporterId, now, now, caller.Recorder));
}

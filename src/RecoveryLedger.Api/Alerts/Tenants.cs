namespace RecoveryLedger.Api.Alerts;

/// <summary>Background work runs for one clinic, named explicitly; never a silent default tenant.</summary>
public static class Tenants
{
    public static string Require(string? tenant) =>
        Identity.TokenClaims.IsWellFormedTenant(tenant)
            ? tenant!
            : throw new InvalidOperationException("Background work without a clinic (tenant) is refused.");
}

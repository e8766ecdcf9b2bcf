using Wolverine.Http;

namespace RecoveryLedger.Api.Hosting;

public static class EndpointsSetup
{
    /// <summary>
    /// Wolverine HTTP endpoints. The clinic comes from the token's <c>tenant</c> claim and is required:
    /// every Marten session an endpoint gets is opened for that clinic, never a default tenant.
    /// </summary>
    public static WebApplication MapRecoveryLedgerEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(opts =>
        {
            opts.TenantId.IsClaimTypeNamed(Identity.TokenClaims.Tenant);
            opts.TenantId.AssertExists();
            opts.RequireAuthorizeOnAll();
            opts.AddParameterHandlingStrategy<Identity.CallerParameter>();
            opts.AddParameterHandlingStrategy<Validation.StrictBodyParameter>();
            opts.AddParameterHandlingStrategy<Validation.NowParameter>();
        });
        return app;
    }
}

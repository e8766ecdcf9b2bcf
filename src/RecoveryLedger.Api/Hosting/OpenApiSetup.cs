using Scalar.AspNetCore;

namespace RecoveryLedger.Api.Hosting;

public static class OpenApiSetup
{
    public static WebApplicationBuilder AddRecoveryLedgerOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RecoveryLedger";
            document.Info.Version = "v1";
            document.Info.Description =
                "The event-sourced backend of a recovery programme. Contract: docs/api.md. " +
                "Every error is application/problem+json (RFC 9457); bearer JWT with claims sub, role, tenant.";
            return Task.CompletedTask;
        }).AddOperationTransformer<OpenApi.HandReadInputs>());
        return builder;
    }

    /// <summary><c>/openapi/v1.json</c> always; the interactive reference at <c>/scalar</c> in Development.</summary>
    public static WebApplication MapRecoveryLedgerOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}

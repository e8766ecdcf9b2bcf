using JasperFx;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddRecoveryLedgerLogging()
    .AddRecoveryLedgerProblemDetails()
    .AddRecoveryLedgerAuth()
    .AddRecoveryLedgerPersistence()
    .AddRecoveryLedgerHealth()
    .AddRecoveryLedgerOpenApi()
    .AddRecoveryLedgerTelemetry();

var app = builder.Build();
app.UseRecoveryLedgerProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.MapRecoveryLedgerHealth();
app.MapRecoveryLedgerOpenApi();
app.MapRecoveryLedgerEndpoints();

return await app.RunJasperFxCommands(args);

/// <summary>The host's entry point, visible to the tests (Alba).</summary>
public partial class Program;

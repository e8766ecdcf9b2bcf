using JasperFx;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryLedger.Api.Alerts;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Identity;
using Wolverine.Http;

StartupTiming.Mark("main entered (runtime started)");
var builder = WebApplication.CreateBuilder(args);
StartupTiming.Mark("builder created (configuration read)");
// Logic takes time from here, never from DateTime.UtcNow, so tests can move it.
builder.Services.TryAddSingleton(TimeProvider.System);
builder.AddRecoveryLedgerLogging()
    .AddRecoveryLedgerProblemDetails()
    .AddRecoveryLedgerAuth()
    .AddRecoveryLedgerPersistence()
    .AddRecoveryLedgerAlerts()
    .AddRecoveryLedgerHealth()
    .AddRecoveryLedgerOpenApi()
    .AddRecoveryLedgerLimits()
    .AddRecoveryLedgerCors()
    .AddRecoveryLedgerTelemetry()
    .AddRecoveryLedgerStartupTiming();
StartupTiming.Mark("services registered");

var app = builder.Build();
StartupTiming.Mark("host built");
app.UseRecoveryLedgerStartupTiming();
app.UseRecoveryLedgerSecurityHeaders();
app.UseRecoveryLedgerProblemDetails();
app.UseRecoveryLedgerConsole();
app.UseRecoveryLedgerBodyLimit();
app.UseRecoveryLedgerCors();
app.UseAuthentication();
app.UseRecoveryLedgerUnservedClinics();
app.UseAuthorization();
app.UseRecoveryLedgerEmptyIds();
app.UseRateLimiter();
app.MapRecoveryLedgerHealth();
app.MapRecoveryLedgerOpenApi();
app.MapRecoveryLedgerConsole();
app.MapRecoveryLedgerEndpoints();
StartupTiming.Mark("pipeline and endpoints mapped");

// Serving needs no command line (JasperFx's would print its command search on every start).
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

/// <summary>The host's entry point, visible to the tests (Alba).</summary>
public partial class Program;

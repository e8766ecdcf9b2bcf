using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RecoveryLedger.Api.Hosting;

public static class TelemetrySetup
{
    public const string ServiceName = "recoveryledger";

    /// <summary>
    /// Traces and metrics of ASP.NET Core, Npgsql, Marten and Wolverine, exported over OTLP when
    /// the standard <c>OTEL_EXPORTER_OTLP_*</c> variables say where. Nothing here records bodies,
    /// query parameters or exception messages: this data is about people's mental health.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryLedgerTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.RecordException = false;
                    options.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                })
                .AddNpgsql()
                .AddSource("Marten")
                .AddSource("Wolverine"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter("Marten")
                .AddMeter("Wolverine*"));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }
}

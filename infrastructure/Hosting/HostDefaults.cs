using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;

namespace OrderActors.Hosting;

/// <summary>Logging and telemetry shared by the silo and the api-host.</summary>
public static class HostDefaults
{
    public static void AddOrderActorsDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        // Defaults first, so the Serilog section of the configuration can change any of them.
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans.Hosting", LogEventLevel.Information)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Filter.ByExcluding(e => ShutdownLogFilter.IsExpectedWhileStopping(e, services.GetRequiredService<IHostApplicationLifetime>()))
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", "OrderActors")
                // Kestrel's memory pool records a measurement on every block rented and returned: several per
                // WebSocket write, a few percent of an api-host's CPU when it relays to thousands of connections.
                // Its allocated and evicted counters (rare events) stay.
                .AddView("aspnetcore.memory_pool.rented", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.memory_pool.pooled", MetricStreamConfiguration.Drop)
                .AddPrometheusExporter());

        // Traces only when they go somewhere: a tracer provider without an exporter still creates and fills an Activity
        // for every request, outgoing HTTP call and grain call, only to drop it.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "OrderActors"))
                .UseOtlpExporter();
        }
    }

    public static OrderActorsOptions ReadOrderActorsOptions(this IHostApplicationBuilder builder, string[] args)
    {
        var options = OrderActorsOptions.From(builder.Configuration);
        if (args.Contains("--demo", StringComparer.OrdinalIgnoreCase))
        {
            options.Demo = true;
        }
        return options;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using OrderActors.Hosting;

namespace OrderActors.UnitTests.Hosting;

/// <summary>Traces are collected only when there is an OTLP endpoint to send them to; metrics always (/metrics).</summary>
public sealed class TelemetryDefaultsTests
{
    private static IHost Build(string? otlpEndpoint)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        builder.AddOrderActorsDefaults("telemetry-test");
        return builder.Build();
    }

    [Fact]
    public void Without_an_exporter_no_tracer_provider_is_registered()
    {
        using var host = Build(otlpEndpoint: null);
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public void With_an_exporter_requests_and_grain_calls_are_traced()
    {
        using var host = Build(otlpEndpoint: "http://127.0.0.1:4317");
        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }
}

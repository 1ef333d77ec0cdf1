using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderActors.Database;
using OrderActors.Hosting;

// `OrderActors.Silo migrate` applies the schema and exits; without a verb it runs a cluster silo.
var builder = WebApplication.CreateBuilder(args);
var options = builder.ReadOrderActorsOptions(args);
options.Mode = RunMode.Cluster;

builder.AddOrderActorsDefaults("orderactors-silo");
builder.Services.AddOrderActorsCore(builder.Configuration, options);

var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
if (!migrateOnly)
{
    var connectionString = builder.Configuration.GetConnectionString(OrderActorsOptions.ConnectionStringName);
    builder.UseOrleans(silo => silo.ConfigureOrderActorsSilo(options, connectionString));
    builder.Services.AddHealthChecks().AddCheck("storage", () => HealthCheckResult.Healthy(), tags: ["ready"]);
}

var app = builder.Build();
await app.Services.WaitForDatabaseAndMigrateAsync();
if (migrateOnly)
{
    return 0;
}

app.MapHealthChecks("/health/live");
app.MapPrometheusScrapingEndpoint("/metrics");
await app.RunAsync();
return 0;

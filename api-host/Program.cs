using OrderActors.ApiHost;
using OrderActors.ApiHost.Demo;
using OrderActors.ApiHost.Components;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.Hosting;

SharedArrayPoolSize.Apply();
var builder = WebApplication.CreateBuilder(args);
var options = builder.ReadOrderActorsOptions(args);

builder.AddOrderActorsDefaults("orderactors-api");
builder.AddOrderActorsOrleans(options);
builder.Services.AddOrderActorsCore(builder.Configuration, options);
builder.Services.AddApiHostServices(builder.Configuration);
builder.AddDemoMarketplaces(options);
builder.AddDashboard();

var app = builder.Build();
await app.Services.WaitForDatabaseAndMigrateAsync(app.Lifetime.ApplicationStopping);
app.UseApiHostPipeline();
app.MapApiHostEndpoints();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, options));
await app.RunAsync();

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;

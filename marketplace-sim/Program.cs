namespace OrderActors.MarketplaceSim;

/// <summary>Runs the four simulated platforms as their own process: <c>dotnet run --project marketplace-sim -- --Simulator:Port=5080</c>.</summary>
internal static class SimulatorProgram
{
    // An explicit entry point: a top-level Program would clash with the api-host's Program in tests that load both.
    private static async Task Main(string[] args)
    {
        var app = SimulatorHost.Build(new SimulatorSettings(), args);
        await app.RunAsync();
    }
}

using OrderActors.MarketplaceSim.Model;

namespace OrderActors.MarketplaceSim.Generation;

/// <summary>Creates orders at the configured rate for shops marked for generation, and moves existing ones along over time.</summary>
public sealed class OrderGenerator(SimState state, OrderFactory factory, SimulatorSettings settings) : BackgroundService
{
    private readonly Dictionary<string, double> _owed = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(tick, state.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var shop in state.Shops().Where(s => s.Generate && s.Authorized))
            {
                var key = $"{shop.Platform}:{shop.ShopId}";
                var owed = _owed.GetValueOrDefault(key) + settings.OrdersPerMinute / 60.0;
                for (; owed >= 1; owed--)
                {
                    factory.Create(shop, Random.Shared.Next(5) == 0 ? SimStage.Unpaid : SimStage.ToShip);
                }
                _owed[key] = owed;

                var due = state.Time.GetUtcNow() - settings.ProgressEvery;
                foreach (var order in state.Orders(shop.Platform, shop.ShopId).Where(o => o.UpdatedAt < due && o.Stage is not (SimStage.Completed or SimStage.Cancelled)).Take(5))
                {
                    factory.Advance(order);
                }
            }
        }
    }
}

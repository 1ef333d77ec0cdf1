using Microsoft.Extensions.Logging;
using OrderActors.Stock;

namespace OrderActors.Grains.Stock;

public sealed class StockItemGrain(
    [PersistentState("stock-item")] IPersistentState<StockItemState> state,
    IStockProjection projection,
    TimeProvider time,
    ILogger<StockItemGrain> logger) : Grain, IStockItemGrain
{
    private const int RememberedOperations = 1000;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.State.Unprojected.Count > 0 ? TryProjectAsync() : Task.CompletedTask;

    public Task<StockLevel> GetLevel() => Task.FromResult(Level());

    public async Task<AdjustStockResult> Adjust(AdjustStockCommand command)
    {
        if (state.State.AppliedOperations.ContainsKey(command.OperationId))
        {
            return new AdjustStockResult(false, Level(), null);
        }
        var onHand = state.State.OnHand + command.OnHandDelta;
        var reserved = state.State.Reserved + command.ReservedDelta;
        if (reserved < 0 || (!command.AllowNegativeOnHand && (onHand < 0 || reserved > onHand)))
        {
            return new AdjustStockResult(false, Level(), $"The movement would leave on hand {onHand} and reserved {reserved}.");
        }

        var sequence = state.State.Version + 1;
        var movement = new StockMovement(sequence, command.OnHandDelta, command.ReservedDelta, command.Reason, command.Reference, onHand, reserved, command.Actor, time.GetUtcNow());
        state.State.Sku = command.Sku;
        state.State.Location = command.Location;
        state.State.OnHand = onHand;
        state.State.Reserved = reserved;
        state.State.Version = sequence;
        state.State.AppliedOperations[command.OperationId] = sequence;
        if (state.State.AppliedOperations.Count > RememberedOperations)
        {
            foreach (var old in state.State.AppliedOperations.OrderBy(o => o.Value).Take(state.State.AppliedOperations.Count - RememberedOperations).ToList())
            {
                state.State.AppliedOperations.Remove(old.Key);
            }
        }
        state.State.Unprojected.Add(movement);
        await state.WriteStateAsync();
        await TryProjectAsync();
        return new AdjustStockResult(true, Level(), null);
    }

    private StockLevel Level() => new(state.State.Sku, state.State.Location, state.State.OnHand, state.State.Reserved, state.State.Version);

    private async Task TryProjectAsync()
    {
        try
        {
            await projection.ProjectAsync(Level(), state.State.Unprojected);
            // Cleared in memory; persisted with the next change. Re-projecting after a crash inserts nothing twice.
            state.State.Unprojected.Clear();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Projecting stock of {Sku} at {Location} failed; retried on the next change or activation", state.State.Sku, state.State.Location);
        }
    }
}

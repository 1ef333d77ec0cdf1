using OrderActors.Returns;

namespace OrderActors.Grains.Returns;

/// <summary>RMA numbers must be unique, not gap-free: a number whose return was never written is simply skipped.</summary>
public sealed class RmaSequenceGrain(
    [PersistentState("rma-sequence")] IPersistentState<RmaSequenceState> state) : Grain, IRmaSequenceGrain
{
    public async Task<long> Next()
    {
        state.State.Last++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        return state.State.Last;
    }
}

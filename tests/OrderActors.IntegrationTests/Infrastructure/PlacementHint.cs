using Orleans.Runtime.Placement;

namespace OrderActors.IntegrationTests.Infrastructure;

/// <summary>
/// Activates a grain on a chosen silo: Orleans' placement directors place a new activation on a silo named in the
/// request context of the call that creates it. Tests that kill a silo use it to be sure what that silo held.
/// </summary>
public static class PlacementHint
{
    /// <param name="firstCall">The call that activates the grain; the hint is cleared after it, so later calls place freely.</param>
    public static async Task ActivateOnAsync(SiloAddress silo, Func<Task> firstCall)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await firstCall();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}

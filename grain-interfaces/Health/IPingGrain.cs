namespace OrderActors.Grains.Health;

/// <summary>A stateless grain used by readiness checks to prove the cluster answers.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the address of the silo that answered.</summary>
    Task<string> Ping();
}

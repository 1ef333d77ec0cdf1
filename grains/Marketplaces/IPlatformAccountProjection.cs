using OrderActors.Marketplaces;

namespace OrderActors.Grains.Marketplaces;

/// <summary>Keeps the small account list table (sync health per account) up to date; idempotent.</summary>
public interface IPlatformAccountProjection
{
    Task ProjectAsync(PlatformAccountInfo account, CancellationToken cancellationToken = default);

    Task RemoveAsync(Guid accountId, CancellationToken cancellationToken = default);
}

using OrderActors.Returns;

namespace OrderActors.Grains.Returns;

/// <summary>Writes a return's row in the read model; idempotent, and an older version never wins.</summary>
public interface IReturnProjection
{
    Task ProjectAsync(ReturnDetails details, CancellationToken cancellationToken = default);
}

namespace OrderActors.Grains.Billing;

public interface IClerkTaskStore
{
    /// <summary>Records the task unless one with its kind and reference exists.</summary>
    Task OpenAsync(ClerkTask task, CancellationToken cancellationToken = default);

    Task CloseAsync(string kind, string reference, string resolution, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<ClerkTask?> GetAsync(string kind, string reference, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ClerkTask>> ListAsync(string kind, string? status, int limit, CancellationToken cancellationToken = default);
}

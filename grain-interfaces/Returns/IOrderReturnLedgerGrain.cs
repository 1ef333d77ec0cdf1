namespace OrderActors.Returns;

/// <summary>
/// Per order (same Guid as the order): the quantities held by open returns and taken by completed ones. One grain
/// per order makes "never more than delivered minus earlier returns" exact under concurrent return requests.
/// </summary>
public interface IOrderReturnLedgerGrain : IGrainWithGuidKey
{
    /// <summary>Holds the quantities for a return, or says which SKU exceeds what is left. Repeats are no-ops.</summary>
    Task<ReturnCommandResult?> Reserve(Guid returnId, IReadOnlyList<ReturnItem> items);

    /// <summary>Gives the quantities of a rejected or cancelled return back.</summary>
    Task Release(Guid returnId);

    /// <summary>Returnable quantity per SKU right now.</summary>
    Task<IReadOnlyDictionary<string, int>> GetReturnable();
}

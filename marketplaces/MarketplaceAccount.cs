using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>The account a connector call is made for: whose orders, with which credentials.</summary>
public sealed record MarketplaceAccount(Guid AccountId, SourcePlatform Platform, PlatformCredentials Credentials)
{
    public string AccountKey => AccountId.ToString();

    public override string ToString() => $"{Platform} account {AccountId}";
}

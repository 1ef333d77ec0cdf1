using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>The identity tests share one embedded api-host; each test works with its own users.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "identity";
}

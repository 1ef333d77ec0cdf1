using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>Connects a shop with credentials the caller already holds (tokens included); validated before saving.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.ConnectAccountCommand")]
public sealed record ConnectAccountCommand
{
    [Id(0)] public required SourcePlatform Platform { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required PlatformCredentials Credentials { get; init; }
    [Id(3)] public int SyncIntervalSeconds { get; init; } = 300;
    [Id(4)] public int BackfillDays { get; init; } = 30;
    [Id(5)] public bool IsDemo { get; init; }
}

/// <summary>Starts an OAuth connection: the account waits for the seller's authorization with a one-time state.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.StartAuthorizationCommand")]
public sealed record StartAuthorizationCommand
{
    [Id(0)] public required SourcePlatform Platform { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string AppKey { get; init; }
    [Id(3)] public required string AppSecret { get; init; }
    [Id(4)] public required string RedirectUri { get; init; }
    [Id(5)] public string? ShopId { get; init; }
    [Id(6)] public int SyncIntervalSeconds { get; init; } = 300;
    [Id(7)] public int BackfillDays { get; init; } = 30;

    public override string ToString() => $"StartAuthorizationCommand {{ Platform = {Platform}, Name = {Name}, AppKey = {AppKey}, secrets redacted }}";
}

/// <summary>Changes of an account; null members stay as they are. New credentials are validated before saving.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.UpdateAccountCommand")]
public sealed record UpdateAccountCommand
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public int? SyncIntervalSeconds { get; init; }
    [Id(2)] public bool? Active { get; init; }
    [Id(3)] public PlatformCredentials? Credentials { get; init; }
}

/// <summary>The outcome of a command that may be refused by the platform.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.AccountCommandResult")]
public sealed record AccountCommandResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? Error,
    [property: Id(2)] PlatformAccountInfo? Account)
{
    public static AccountCommandResult Ok(PlatformAccountInfo account) => new(true, null, account);

    public static AccountCommandResult Fail(string error, PlatformAccountInfo? account = null) => new(false, error, account);
}

namespace OrderActors.Orders;

/// <summary>Who caused a change: a user, an API key, a platform sync or a workflow.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Actor")]
public sealed record Actor(
    [property: Id(0)] ActorKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? DisplayName = null)
{
    public static Actor PlatformSync(SourcePlatform platform, string accountId) =>
        new(ActorKind.PlatformSync, $"{platform}:{accountId}", $"{platform} sync");

    public override string ToString() => DisplayName ?? $"{Kind}:{Id}";
}

public enum ActorKind
{
    User = 0,
    ApiKey = 1,
    PlatformSync = 2,
    Workflow = 3,
    System = 4,
}

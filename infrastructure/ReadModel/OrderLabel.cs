namespace OrderActors.ReadModel;

/// <summary>What people recognize an order by: its platform, the platform's order number and the customer.</summary>
public sealed record OrderLabel(Guid Id, string Platform, string PlatformOrderId, string CustomerName);

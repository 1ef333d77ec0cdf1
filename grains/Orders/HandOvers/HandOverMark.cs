namespace OrderActors.Grains.Orders.HandOvers;

/// <summary>
/// The mark of an order holding unconfirmed hand-overs, as of <see cref="OrderVersion"/>: written by the projection
/// of that version, cleared up to the version at which the order held nothing any more.
/// </summary>
public sealed record HandOverMark(Guid OrderId, long OrderVersion);

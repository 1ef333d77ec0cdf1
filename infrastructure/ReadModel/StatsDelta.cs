namespace OrderActors.ReadModel;

/// <summary>A change to the statistics: <see cref="Count"/> orders and <see cref="Revenue"/> added to (or, negative, taken from) a bucket.</summary>
public sealed record StatsDelta(StatsBucket Bucket, long Count, decimal Revenue);

namespace OrderActors.Idempotency;

/// <summary>Settings of the idempotency store (<c>OrderActors:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "OrderActors:Idempotency";

    /// <summary>
    /// How long a key and its stored response are kept; after that the housekeeping job removes them and the same
    /// key would run the command again. Terminals retry within minutes, so days are plenty.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

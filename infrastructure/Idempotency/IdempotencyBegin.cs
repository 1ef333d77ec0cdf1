namespace OrderActors.Idempotency;

/// <summary>What the store says about a request key: run it, replay the stored answer, or refuse.</summary>
public sealed record IdempotencyBegin(IdempotencyBeginOutcome Outcome, StoredResponse? Response = null);

public enum IdempotencyBeginOutcome
{
    /// <summary>This caller owns the key now: run the command, then complete or abandon.</summary>
    Started = 0,

    /// <summary>The command ran before: replay <see cref="IdempotencyBegin.Response"/>.</summary>
    Completed = 1,

    /// <summary>The same key is being processed right now by another request.</summary>
    InProgress = 2,

    /// <summary>The key was used before with a different request body.</summary>
    Mismatch = 3,
}

public sealed record StoredResponse(int StatusCode, string Body, string? Location);

using Orleans.Concurrency;

namespace OrderActors.Marketplaces;

/// <summary>One connected shop (Guid key): its encrypted credentials, polling, webhooks and write-back.</summary>
public interface IPlatformAccountGrain : IGrainWithGuidKey
{
    /// <summary>Validates the credentials against the platform and saves them only when accepted; then backfills.</summary>
    Task<AccountCommandResult> Connect(ConnectAccountCommand command);

    /// <summary>Saves the app half of the credentials and returns the platform's authorization URL.</summary>
    Task<string> StartAuthorization(StartAuthorizationCommand command, string state);

    /// <summary>Exchanges the authorization code (after the state was checked) and connects the account.</summary>
    Task<AccountCommandResult> CompleteAuthorization(string state, IReadOnlyDictionary<string, string> callbackQuery);

    Task<AccountCommandResult> Update(UpdateAccountCommand command);

    /// <summary>Checks the saved credentials against the platform now.</summary>
    Task<AccountCommandResult> Validate();

    /// <summary>Starts a sync at once (it runs in the background; read <see cref="GetInfo"/> for the outcome).</summary>
    Task SyncNow();

    Task Disable();

    /// <summary>Removes the account: credentials erased, polling stopped. Orders already imported stay.</summary>
    Task Delete();

    [AlwaysInterleave]
    Task<PlatformAccountInfo?> GetInfo();

    /// <summary>Checks a webhook delivery's signature on its raw bytes; returns the platform's event id when valid.</summary>
    [AlwaysInterleave]
    Task<WebhookCheck> VerifyWebhook(WebhookDelivery delivery);

    /// <summary>
    /// The platform and app secret the receiving api-host verifies this account's webhooks with (it caches them
    /// briefly); null when the account is not connected.
    /// </summary>
    [AlwaysInterleave]
    Task<WebhookVerificationKey?> GetWebhookVerificationKey();

    /// <summary>Applies a stored webhook delivery (fetching the order from the platform where the push only names it).</summary>
    Task ApplyWebhook(WebhookDelivery delivery);

    /// <summary>
    /// Applies stored deliveries, given in inbox order: each is verified again with the current credentials, the
    /// deliveries of one platform order one after another in the given order, different orders concurrently; the
    /// account's counters are saved once for the batch. Returns one outcome per delivery, in the same order.
    /// </summary>
    Task<IReadOnlyList<WebhookApplyOutcome>> ApplyWebhooks(IReadOnlyList<WebhookDelivery> deliveries);

    /// <summary>
    /// Queues a local change for the platform (idempotent by operation id); retried until it succeeds, its outcome
    /// shown on the order's syncStatus. One-way: the account confirms with <c>IOrderGrain.WriteBackAccepted</c>,
    /// because it calls the order grain itself and a waiting order grain would deadlock with it.
    /// </summary>
    [OneWay]
    Task RequestWriteBack(WriteBackRequest request);

    [AlwaysInterleave]
    Task<IReadOnlyList<WriteBackStatus>> GetWriteBacks();
}

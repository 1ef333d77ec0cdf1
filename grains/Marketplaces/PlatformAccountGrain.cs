using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Events;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Resilience;
using OrderActors.Marketplaces.Sync;
using OrderActors.Orders;

namespace OrderActors.Grains.Marketplaces;

/// <summary>
/// One connected shop. Polls on a reminder (with a grain timer under it when the interval is shorter than the reminder
/// minimum), advances its watermark only after every order of a window was upserted into its order grain, verifies
/// and applies webhooks, and pushes local changes back to the platform until they succeed.
/// Credentials live only encrypted in the state and decrypted in memory; they are never returned or logged.
/// </summary>
public sealed class PlatformAccountGrain(
    [PersistentState("platform-account")] IPersistentState<PlatformAccountState> state,
    MarketplaceConnectors connectors,
    MarketplaceResilience resilience,
    ICredentialProtector protector,
    IPlatformAccountProjection projection,
    IAccountEventSink events,
    IOptions<MarketplaceOptions> options,
    TimeProvider time,
    ILogger<PlatformAccountGrain> logger) : Grain, IPlatformAccountGrain, IRemindable
{
    private const string PollReminder = "poll";
    private const int MaxLostPushBatches = 20;
    private static readonly TimeSpan ReminderMinimum = TimeSpan.FromMinutes(1);

    private PlatformCredentials? _credentials;
    private IGrainTimer? _pollTimer;
    private IGrainTimer? _workTimer;
    private TimeSpan _pollTimerPeriod;

    private PlatformAccountState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    private bool IsLive => S.Exists && !S.Deleted;

    private bool CanSync => IsLive && S.Active && S.ProtectedCredentials is not null && S.SyncStatus is not (AccountSyncStatus.Error or AccountSyncStatus.AwaitingAuthorization);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (CanSync)
        {
            EnsurePollTimer();
        }
        // Write-backs queued before a crash or deactivation continue at once, not only at the next poll.
        if (IsLive && S.Active && S.WriteBacks.Any(w => w.Status != SyncStatus.Synced || !w.Reported))
        {
            ScheduleWork(TimeSpan.Zero);
        }
        return Task.CompletedTask;
    }

    public Task<PlatformAccountInfo?> GetInfo() => Task.FromResult(IsLive ? Info() : null);

    public Task<IReadOnlyList<WriteBackStatus>> GetWriteBacks() =>
        Task.FromResult<IReadOnlyList<WriteBackStatus>>(S.WriteBacks.Select(w => new WriteBackStatus(w.Request, w.Status, w.Attempts, w.LastError, w.NextAttemptAt)).ToList());

    public async Task<AccountCommandResult> Connect(ConnectAccountCommand command)
    {
        if (IsLive && S.ProtectedCredentials is not null)
        {
            return AccountCommandResult.Ok(Info()); // connecting the same account again changes nothing
        }
        var (credentials, error) = await ValidateAsync(command.Platform, command.Credentials);
        if (credentials is null)
        {
            return AccountCommandResult.Fail(error!);
        }
        var now = time.GetUtcNow();
        state.State = new PlatformAccountState
        {
            Exists = true,
            Platform = command.Platform,
            Name = command.Name,
            ShopId = credentials.ShopId,
            SyncIntervalSeconds = command.SyncIntervalSeconds,
            BackfillDays = command.BackfillDays,
            Active = true,
            Watermark = now.AddDays(-command.BackfillDays),
            SyncStatus = AccountSyncStatus.Idle,
            IsDemo = command.IsDemo,
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetCredentials(credentials);
        await SaveAsync();
        await SchedulePollingAsync();
        ScheduleWork(TimeSpan.Zero); // backfill at once, in the background
        return AccountCommandResult.Ok(Info());
    }

    public async Task<string> StartAuthorization(StartAuthorizationCommand command, string authorizationState)
    {
        var app = new PlatformCredentials { AppKey = command.AppKey, AppSecret = command.AppSecret, ShopId = command.ShopId ?? "" };
        var now = time.GetUtcNow();
        state.State = new PlatformAccountState
        {
            Exists = true,
            Platform = command.Platform,
            Name = command.Name,
            ShopId = command.ShopId ?? "",
            SyncIntervalSeconds = command.SyncIntervalSeconds,
            BackfillDays = command.BackfillDays,
            Active = true,
            SyncStatus = AccountSyncStatus.AwaitingAuthorization,
            AuthorizationState = authorizationState,
            RedirectUri = command.RedirectUri,
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetCredentials(app);
        await SaveAsync();
        return connectors.For(command.Platform).BuildAuthorizationUrl(app, command.RedirectUri, authorizationState);
    }

    public async Task<AccountCommandResult> CompleteAuthorization(string authorizationState, IReadOnlyDictionary<string, string> callbackQuery)
    {
        if (!IsLive || S.AuthorizationState is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(S.AuthorizationState), System.Text.Encoding.UTF8.GetBytes(authorizationState)))
        {
            return AccountCommandResult.Fail("Unknown or already used authorization state.");
        }
        var connector = connectors.For(S.Platform);
        PlatformCredentials tokens;
        try
        {
            tokens = await resilience.For(S.Platform, Id).ExecuteAsync(async ct => await connector.ExchangeCodeAsync(Credentials!, callbackQuery, ct));
        }
        catch (MarketplaceException ex)
        {
            return AccountCommandResult.Fail(ex.Message, Info());
        }
        var (validated, error) = await ValidateAsync(S.Platform, tokens);
        if (validated is null)
        {
            return AccountCommandResult.Fail(error!, Info());
        }
        S.AuthorizationState = null;
        S.ShopId = validated.ShopId;
        S.SyncStatus = AccountSyncStatus.Idle;
        S.Watermark = time.GetUtcNow().AddDays(-S.BackfillDays);
        SetCredentials(validated);
        await SaveAsync();
        await SchedulePollingAsync();
        ScheduleWork(TimeSpan.Zero);
        return AccountCommandResult.Ok(Info());
    }

    public async Task<AccountCommandResult> Update(UpdateAccountCommand command)
    {
        if (!IsLive)
        {
            return AccountCommandResult.Fail("No such account.");
        }
        if (command.Credentials is { } incoming)
        {
            var (validated, error) = await ValidateAsync(S.Platform, incoming);
            if (validated is null)
            {
                return AccountCommandResult.Fail(error!, Info()); // refused credentials are not saved
            }
            SetCredentials(validated);
            S.ShopId = validated.ShopId;
            resilience.Reset(S.Platform, Id);
            if (S.SyncStatus is AccountSyncStatus.Error or AccountSyncStatus.AwaitingAuthorization)
            {
                S.SyncStatus = AccountSyncStatus.Idle;
                S.LastError = null;
            }
        }
        S.Name = command.Name ?? S.Name;
        S.SyncIntervalSeconds = command.SyncIntervalSeconds ?? S.SyncIntervalSeconds;
        if (command.Active is { } active)
        {
            S.Active = active;
            S.SyncStatus = active ? (S.SyncStatus == AccountSyncStatus.Disabled ? AccountSyncStatus.Idle : S.SyncStatus) : AccountSyncStatus.Disabled;
        }
        await SaveAsync();
        await SchedulePollingAsync();
        return AccountCommandResult.Ok(Info());
    }

    public async Task<AccountCommandResult> Validate()
    {
        if (!IsLive || Credentials is null)
        {
            return AccountCommandResult.Fail("No such account.");
        }
        var (validated, error) = await ValidateAsync(S.Platform, Credentials);
        if (validated is null)
        {
            await MarkAuthFailedAsync(error!);
            return AccountCommandResult.Fail(error!, Info());
        }
        return AccountCommandResult.Ok(Info());
    }

    public Task SyncNow()
    {
        if (CanSync)
        {
            ScheduleWork(TimeSpan.Zero);
        }
        return Task.CompletedTask;
    }

    public async Task Disable()
    {
        if (!IsLive)
        {
            return;
        }
        S.Active = false;
        S.SyncStatus = AccountSyncStatus.Disabled;
        await SaveAsync();
        await SchedulePollingAsync();
    }

    public async Task Delete()
    {
        if (!S.Exists || S.Deleted)
        {
            return;
        }
        S.Deleted = true;
        S.Active = false;
        S.ProtectedCredentials = null;
        _credentials = null;
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await SchedulePollingAsync();
        resilience.Reset(S.Platform, Id);
        await projection.RemoveAsync(Id);
    }

    public Task<WebhookCheck> VerifyWebhook(WebhookDelivery delivery)
    {
        if (!IsLive || Credentials is not { } credentials)
        {
            return Task.FromResult(new WebhookCheck(false, null, null));
        }
        var connector = connectors.For(S.Platform);
        if (!connector.VerifyWebhook(credentials, delivery))
        {
            return Task.FromResult(new WebhookCheck(false, null, null));
        }
        try
        {
            var notice = connector.ParseWebhook(Account(credentials), delivery);
            return Task.FromResult(new WebhookCheck(true, notice.EventId, notice.PlatformOrderId));
        }
        catch (JsonException)
        {
            return Task.FromResult(new WebhookCheck(false, null, null));
        }
    }

    public Task<WebhookVerificationKey?> GetWebhookVerificationKey() =>
        Task.FromResult(IsLive && Credentials is { } c
            ? new WebhookVerificationKey(S.Platform, new PlatformCredentials { AppKey = c.AppKey, AppSecret = c.AppSecret, ShopId = c.ShopId, Region = c.Region, ShopCipher = c.ShopCipher })
            : null);

    public async Task ApplyWebhook(WebhookDelivery delivery)
    {
        var outcome = (await ApplyWebhooks([delivery]))[0];
        if (outcome.Retry)
        {
            throw new InvalidOperationException(outcome.RetryError);
        }
    }

    public async Task<IReadOnlyList<WebhookApplyOutcome>> ApplyWebhooks(IReadOnlyList<WebhookDelivery> deliveries)
    {
        var outcomes = new WebhookApplyOutcome[deliveries.Count];
        if (!IsLive || Credentials is not { } credentials)
        {
            Array.Fill(outcomes, new WebhookApplyOutcome(RetryError: null, "The account is not connected."));
            return outcomes;
        }
        var connector = connectors.For(S.Platform);
        var account = Account(credentials);
        var byOrder = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var revoked = false;
        var reconcile = false;
        for (var i = 0; i < deliveries.Count; i++)
        {
            outcomes[i] = WebhookApplyOutcome.Done;
            // Checked again here: a delivery the receiving host accepted with a cached secret the seller has since
            // replaced or revoked is not applied; a sync right after reads the order it named from the platform.
            if (!connector.VerifyWebhook(credentials, deliveries[i]))
            {
                outcomes[i] = new WebhookApplyOutcome(RetryError: null, "The signature does not match the account's current credentials; a sync reconciles instead.");
                reconcile = true;
                continue;
            }
            WebhookNotice notice;
            try
            {
                notice = connector.ParseWebhook(account, deliveries[i]);
            }
            catch (JsonException)
            {
                outcomes[i] = new WebhookApplyOutcome(RetryError: null, "The body is not valid JSON.");
                continue;
            }
            if (notice.Kind == WebhookKind.AuthorizationRevoked)
            {
                revoked = true;
            }
            else if (notice.Kind == WebhookKind.OrderChanged && notice.PlatformOrderId is { } orderId)
            {
                if (!byOrder.TryGetValue(orderId, out var indexes))
                {
                    byOrder[orderId] = indexes = [];
                }
                indexes.Add(i);
            }
        }

        var applied = 0L;
        string? authError = null;
        if (byOrder.Count > 0 && CanSync)
        {
            var session = Session();
            var deadline = time.GetUtcNow() + options.Value.WebhookApplyBudget;
            using var gate = new SemaphoreSlim(Math.Max(1, options.Value.WebhookApplyParallelism));
            await Task.WhenAll(byOrder.Select(async pair =>
            {
                await gate.WaitAsync();
                try
                {
                    // One order's deliveries in inbox order; after a failure the rest of them wait for its retry.
                    string? failed = null;
                    var deferred = false;
                    foreach (var i in pair.Value)
                    {
                        if (deferred)
                        {
                            outcomes[i] = WebhookApplyOutcome.NotStarted;
                            continue;
                        }
                        if (failed is not null)
                        {
                            outcomes[i] = new WebhookApplyOutcome($"An earlier delivery of this order failed: {failed}");
                            continue;
                        }
                        if (authError is not null)
                        {
                            continue; // the account now needs the seller; polling reconciles after re-authorization
                        }
                        if (time.GetUtcNow() > deadline)
                        {
                            // Slow fetches or upserts can outlast a grain call: what was not started goes back to the inbox.
                            deferred = true;
                            outcomes[i] = WebhookApplyOutcome.NotStarted;
                            continue;
                        }
                        try
                        {
                            // Full-payload pushes carry the order; pushes that only name it are read from the platform.
                            var order = connector.OrderFromWebhook(account, deliveries[i])
                                ?? await session.RunAsync((c, a, ct) => c.GetOrderAsync(a, pair.Key, ct), CancellationToken.None);
                            if (order is not null)
                            {
                                await GrainFactory.GetGrain<IOrderGrain>(order.OrderId).Upsert(order);
                                applied++;
                            }
                        }
                        catch (MarketplaceAuthException ex)
                        {
                            authError ??= ex.Message;
                        }
                        catch (Exception ex)
                        {
                            failed = ex.Message;
                            outcomes[i] = new WebhookApplyOutcome(ex.Message);
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        if (applied > 0)
        {
            Count(c => c with { OrdersUpserted = c.OrdersUpserted + applied, WebhooksApplied = c.WebhooksApplied + applied });
            await SaveAsync();
        }
        if (authError is not null)
        {
            await MarkAuthFailedAsync(authError);
        }
        if (revoked)
        {
            await MarkAuthFailedAsync($"{S.Platform} reported that the seller revoked the authorization.");
        }
        if (reconcile && CanSync)
        {
            ScheduleWork(TimeSpan.Zero);
        }
        return outcomes;
    }

    public async Task RequestWriteBack(WriteBackRequest request)
    {
        var order = GrainFactory.GetGrain<IOrderGrain>(request.OrderId);
        if (!IsLive)
        {
            // Nothing will ever push it: say so on the order instead of leaving it pending.
            await order.SetSyncStatus(new CommandContext($"{request.OperationId}:no-account", WriteBackActor),
                SyncStatus.Failed, "The order's marketplace account is not connected, so the change cannot reach the platform.");
            await order.WriteBackAccepted(request.OperationId);
            return;
        }
        if (!S.WriteBacks.Any(w => w.Request.OperationId == request.OperationId))
        {
            var now = time.GetUtcNow();
            S.WriteBacks.Add(new WriteBackEntry { Request = request, RequestedAt = now, NextAttemptAt = now });
            // Bounded history: settled entries beyond the newest 200 are forgotten.
            var settled = S.WriteBacks.Where(w => w.Status == SyncStatus.Synced && w.Reported).ToList();
            if (settled.Count > 200)
            {
                var forgotten = settled.Take(settled.Count - 200).ToHashSet();
                S.WriteBacks.RemoveAll(forgotten.Contains);
            }
            await state.WriteStateAsync();
            ScheduleWork(TimeSpan.Zero);
        }
        // Durable here: the order may stop handing it over. A repeated request is confirmed again (the first confirmation may be lost).
        await order.WriteBackAccepted(request.OperationId);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!CanSync)
        {
            await SchedulePollingAsync();
            return;
        }
        EnsurePollTimer();
        if (_pollTimer is null)
        {
            await WorkAsync();
        }
    }

    private async Task WorkAsync()
    {
        if (CanSync)
        {
            await SyncAsync();
        }
        if (IsLive && S.Active)
        {
            await PushDueWriteBacksAsync();
        }
    }

    private async Task SyncAsync()
    {
        var now = time.GetUtcNow();
        var from = (S.Watermark ?? now.AddDays(-S.BackfillDays)) - options.Value.SyncOverlap;
        S.SyncStatus = AccountSyncStatus.Syncing;
        await TryProjectAsync();
        var upserted = 0L;
        try
        {
            var session = Session();
            upserted += await RecoverLostPushesAsync(session);
            await IncrementalSync.RunAsync(session, from, now,
                async order =>
                {
                    await GrainFactory.GetGrain<IOrderGrain>(order.OrderId).Upsert(order);
                    upserted++;
                },
                async windowEnd =>
                {
                    // Every order of the window is durable in its grain: only now may the watermark pass it.
                    S.Watermark = S.Watermark is { } held && held > windowEnd ? held : windowEnd;
                    await state.WriteStateAsync();
                },
                CancellationToken.None);
            S.SyncStatus = AccountSyncStatus.Idle;
            S.LastError = null;
            S.LastSyncAt = time.GetUtcNow();
            Count(c => c with { Syncs = c.Syncs + 1, OrdersUpserted = c.OrdersUpserted + upserted });
        }
        catch (MarketplaceAuthException ex)
        {
            Count(c => c with { FailedSyncs = c.FailedSyncs + 1, OrdersUpserted = c.OrdersUpserted + upserted });
            await MarkAuthFailedAsync(ex.Message);
            return;
        }
        catch (Exception ex)
        {
            logger.LogWarning("Sync of {Platform} account {AccountId} failed: {Error}", S.Platform, Id, ex.Message);
            S.SyncStatus = AccountSyncStatus.Degraded;
            S.LastError = ex.Message;
            Count(c => c with { FailedSyncs = c.FailedSyncs + 1, OrdersUpserted = c.OrdersUpserted + upserted });
        }
        await SaveAsync();
    }

    /// <summary>
    /// Reconciliation of pushes the platform failed to deliver (Shopee keeps them 3 days): each order they name for
    /// this shop is read and upserted, and only then is the batch confirmed, which consumes it. The store is
    /// partner-wide; another shop's messages in a batch are consumed too and left to that shop's own polling.
    /// A failure here is logged and the incremental sync still runs.
    /// </summary>
    private async Task<long> RecoverLostPushesAsync(MarketplaceSession session)
    {
        if (session.Connector is not ILostPushSource source)
        {
            return 0;
        }
        var recovered = 0L;
        try
        {
            for (var batchNumber = 0; batchNumber < MaxLostPushBatches; batchNumber++)
            {
                var batch = await session.RunAsync((_, a, ct) => source.GetLostPushesAsync(a, ct), CancellationToken.None);
                var orderIds = batch.Messages.Where(m => m.ShopId == S.ShopId && m.PlatformOrderId is not null).Select(m => m.PlatformOrderId!).Distinct();
                foreach (var orderId in orderIds)
                {
                    var order = await session.RunAsync((c, a, ct) => c.GetOrderAsync(a, orderId, ct), CancellationToken.None);
                    if (order is not null)
                    {
                        await GrainFactory.GetGrain<IOrderGrain>(order.OrderId).Upsert(order);
                        recovered++;
                    }
                }
                if (batch.LastMessageId is not { } last)
                {
                    break;
                }
                await session.RunAsync((_, a, ct) => source.ConfirmLostPushesAsync(a, last, ct), CancellationToken.None);
                Count(c => c with { LostPushesRecovered = c.LostPushesRecovered + batch.Messages.Count(m => m.ShopId == S.ShopId) });
                if (!batch.HasNextPage)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not MarketplaceAuthException)
        {
            logger.LogWarning("Recovering lost pushes of {Platform} account {AccountId} failed: {Error}", S.Platform, Id, ex.Message);
        }
        return recovered;
    }

    private async Task PushDueWriteBacksAsync()
    {
        var now = time.GetUtcNow();
        foreach (var entry in S.WriteBacks.Where(w => w.Status != SyncStatus.Synced && w.NextAttemptAt <= now).ToList())
        {
            entry.Attempts++;
            try
            {
                await Session().RunAsync((c, a, ct) => c.PushAsync(a, entry.Request, ct), CancellationToken.None);
                entry.Status = SyncStatus.Synced;
                entry.LastError = null;
                Count(c => c with { WriteBacks = c.WriteBacks + 1 });
            }
            catch (Exception ex)
            {
                entry.Status = SyncStatus.Failed;
                entry.LastError = ex.Message;
                var delay = TimeSpan.FromTicks(Math.Min(options.Value.WriteBackRetryBase.Ticks * (1L << Math.Min(entry.Attempts - 1, 16)), options.Value.WriteBackRetryMax.Ticks));
                entry.NextAttemptAt = time.GetUtcNow() + delay;
                Count(c => c with { FailedWriteBacks = c.FailedWriteBacks + 1 });
                if (ex is MarketplaceAuthException)
                {
                    await MarkAuthFailedAsync(ex.Message);
                }
            }
            entry.Reported = false;
            await state.WriteStateAsync();
        }
        await ReportWriteBacksAsync();
        if (S.WriteBacks.Where(w => w.Status != SyncStatus.Synced || !w.Reported).Select(w => (DateTimeOffset?)(w.Reported ? w.NextAttemptAt : time.GetUtcNow() + options.Value.WriteBackRetryBase)).Min() is { } next)
        {
            ScheduleWork(next - time.GetUtcNow());
        }
        await TryProjectAsync();
    }

    /// <summary>Tells each order the outcome of its write-back's last attempt, oldest first; a failed report is repeated later.</summary>
    private async Task ReportWriteBacksAsync()
    {
        var reported = false;
        foreach (var entry in S.WriteBacks.Where(w => !w.Reported).OrderBy(w => w.RequestedAt).ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IOrderGrain>(entry.Request.OrderId).SetSyncStatus(
                    new CommandContext($"{entry.Request.OperationId}:{entry.Status}:{entry.Attempts}", WriteBackActor), entry.Status, entry.LastError);
                entry.Reported = true;
                reported = true;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reporting write-back {OperationId} to order {OrderId} failed; retrying", entry.Request.OperationId, entry.Request.OrderId);
            }
        }
        if (reported)
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<(PlatformCredentials? Credentials, string? Error)> ValidateAsync(SourcePlatform platform, PlatformCredentials credentials)
    {
        if (!MarketplaceConnectors.IsMarketplace(platform))
        {
            return (null, $"{platform} is not a marketplace.");
        }
        try
        {
            var connector = connectors.For(platform);
            var validated = await resilience.For(platform, Id).ExecuteAsync(async ct => await connector.ValidateAsync(credentials, ct));
            return (validated, null);
        }
        catch (MarketplaceException ex)
        {
            return (null, ex.Message);
        }
        catch (Exception ex) when (MarketplaceResilience.IsRetryable(ex) || ex is Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return (null, $"{platform} could not be reached to check the credentials: {ex.Message}");
        }
    }

    private async Task MarkAuthFailedAsync(string error)
    {
        var wasError = S.SyncStatus == AccountSyncStatus.Error;
        S.SyncStatus = AccountSyncStatus.Error;
        S.LastError = error;
        await SaveAsync();
        await SchedulePollingAsync();
        if (!wasError)
        {
            await events.PublishAsync(new AccountSyncFailed(Id, S.Platform, S.Name, error, time.GetUtcNow()));
        }
    }

    /// <summary>Reminder period = the interval, but at least the reminder minimum; shorter intervals run on a timer under it.</summary>
    private async Task SchedulePollingAsync()
    {
        var reminder = await this.GetReminder(PollReminder);
        if (!CanSync)
        {
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
            _pollTimer?.Dispose();
            _pollTimer = null;
            return;
        }
        var interval = Interval;
        var period = interval < ReminderMinimum ? ReminderMinimum : interval;
        await this.RegisterOrUpdateReminder(PollReminder, period, period);
        EnsurePollTimer();
    }

    private void EnsurePollTimer()
    {
        var interval = Interval;
        if (interval >= ReminderMinimum || !CanSync)
        {
            _pollTimer?.Dispose();
            _pollTimer = null;
            return;
        }
        if (_pollTimer is not null && _pollTimerPeriod == interval)
        {
            return;
        }
        _pollTimer?.Dispose();
        _pollTimerPeriod = interval;
        _pollTimer = this.RegisterGrainTimer(WorkAsync, new GrainTimerCreationOptions { DueTime = interval, Period = interval, Interleave = false, KeepAlive = true });
    }

    private void ScheduleWork(TimeSpan dueTime)
    {
        _workTimer?.Dispose();
        _workTimer = this.RegisterGrainTimer(async () =>
        {
            _workTimer?.Dispose();
            _workTimer = null;
            await WorkAsync();
        }, new GrainTimerCreationOptions { DueTime = dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, S.SyncIntervalSeconds));

    private Actor WriteBackActor => Actor.PlatformSync(S.Platform, Id.ToString());

    private PlatformCredentials? Credentials =>
        _credentials ??= S.ProtectedCredentials is { } text ? JsonSerializer.Deserialize<PlatformCredentials>(protector.Unprotect(text)) : null;

    private void SetCredentials(PlatformCredentials credentials)
    {
        _credentials = credentials;
        S.ProtectedCredentials = protector.Protect(JsonSerializer.Serialize(credentials));
    }

    private MarketplaceAccount Account(PlatformCredentials credentials) => new(Id, S.Platform, credentials);

    private MarketplaceSession Session() =>
        new(connectors.For(S.Platform), resilience, Account(Credentials!), async refreshed =>
        {
            // Rotated tokens are saved before they are used: a lost refresh token would end the authorization.
            SetCredentials(refreshed);
            await state.WriteStateAsync();
        }, time);

    private void Count(Func<AccountCounters, AccountCounters> change) => S.Counters = change(S.Counters);

    private async Task SaveAsync()
    {
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await TryProjectAsync();
    }

    private async Task TryProjectAsync()
    {
        if (!IsLive)
        {
            return;
        }
        try
        {
            await projection.ProjectAsync(Info());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Projecting platform account {AccountId} failed", Id);
        }
    }

    private PlatformAccountInfo Info() => new()
    {
        Id = Id,
        Platform = S.Platform,
        Name = S.Name,
        ShopId = S.ShopId,
        SyncStatus = S.SyncStatus,
        Active = S.Active,
        SyncIntervalSeconds = S.SyncIntervalSeconds,
        LastSyncAt = S.LastSyncAt,
        Watermark = S.Watermark,
        LastError = S.LastError,
        IsDemo = S.IsDemo,
        Counters = S.Counters,
        CreatedAt = S.CreatedAt,
        UpdatedAt = S.UpdatedAt,
    };
}

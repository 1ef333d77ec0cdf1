using System.Security.Cryptography;
using OrderActors.ApiHost.Apis.PlatformAccounts;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Marketplaces;

namespace OrderActors.ApiHost.Components.Accounts;

/// <summary>
/// Platform account commands from the dashboard: the accounts API's input rules (<see cref="AccountRequestValidator"/>)
/// and the same <see cref="IPlatformAccountGrain"/> calls, so credentials are checked against the platform before
/// anything is saved. Checked against the signed-in user's permission and audited like API commands.
/// </summary>
public sealed class PlatformAccountCommands(IClusterClient orleans, DashboardUser user, DashboardAudit audit)
{
    public async Task<AccountActionResult> ConnectAsync(ConnectAccountRequest request)
    {
        if (await RefusedAsync() is { } refused)
        {
            return refused;
        }
        var validation = AccountRequestValidator.Validate(request, out var command);
        if (!validation.IsValid)
        {
            return AccountActionResult.Invalid(validation);
        }
        var id = Guid.NewGuid();
        var result = await CallAsync(() => orleans.GetGrain<IPlatformAccountGrain>(id).Connect(command!));
        var outcome = result.Succeeded
            ? AccountActionResult.Done($"Connected {result.Account!.Name}.", result.Account)
            : AccountActionResult.Failed("credentials", $"The platform refused the credentials: {result.Error}");
        await audit.RecordAsync("dashboard platform-accounts.connect", $"id={id}", Outcome(outcome), $"platform={request.Platform}");
        return outcome;
    }

    /// <summary>Starts the OAuth flow; the seller's browser is then sent to the returned authorization URL.</summary>
    public async Task<(AccountActionResult Result, string? AuthorizationUrl)> StartOAuthAsync(StartOAuthRequest request)
    {
        if (await RefusedAsync() is { } refused)
        {
            return (refused, null);
        }
        var validation = AccountRequestValidator.Validate(request, out var command);
        if (!validation.IsValid)
        {
            return (AccountActionResult.Invalid(validation), null);
        }
        // The state format of the API's /oauth/start: the account id, then a random part; the callback finds the grain by it.
        var id = Guid.NewGuid();
        var state = $"{id:N}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        var url = await orleans.GetGrain<IPlatformAccountGrain>(id).StartAuthorization(command!, state);
        await audit.RecordAsync("dashboard platform-accounts.oauth-start", $"id={id}", AuditOutcome.Success, $"platform={request.Platform}");
        return (AccountActionResult.Done("Authorization started."), url);
    }

    /// <summary>The OAuth callback as <c>GET /api/platform-accounts/oauth/callback</c> handles it.</summary>
    public async Task<AccountActionResult> CompleteOAuthAsync(IReadOnlyDictionary<string, string> query)
    {
        if (!query.TryGetValue("state", out var state) || state.Split('.') is not [var idText, _] || !Guid.TryParseExact(idText, "N", out var id))
        {
            return AccountActionResult.Failed("state", "state is missing or was not issued by this API.");
        }
        var result = await CallAsync(() => orleans.GetGrain<IPlatformAccountGrain>(id).CompleteAuthorization(state, query));
        var outcome = result.Succeeded
            ? AccountActionResult.Done($"Connected {result.Account!.Name}.", result.Account)
            : AccountActionResult.Failed(query.ContainsKey("code") ? "code" : "state", result.Error ?? "Authorization failed.");
        await audit.RecordAsync("dashboard platform-accounts.oauth-callback", $"id={id}", Outcome(outcome));
        return outcome;
    }

    public async Task<AccountActionResult> SetSyncIntervalAsync(Guid id, int seconds)
    {
        if (await RefusedAsync() is { } refused)
        {
            return refused;
        }
        var validation = AccountRequestValidator.Validate(new UpdateAccountRequest { SyncIntervalSeconds = seconds }, out var command);
        if (!validation.IsValid)
        {
            return AccountActionResult.Invalid(validation);
        }
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is null)
        {
            return AccountActionResult.Failed("id", "Platform account not found.");
        }
        var result = await CallAsync(() => grain.Update(command!));
        var outcome = result.Succeeded
            ? AccountActionResult.Done($"Syncs every {seconds} s.", result.Account)
            : AccountActionResult.Failed("syncIntervalSeconds", result.Error ?? "Not saved.");
        await audit.RecordAsync("dashboard platform-accounts.update", $"id={id}", Outcome(outcome), $"syncIntervalSeconds={seconds}");
        return outcome;
    }

    public Task<AccountActionResult> SyncNowAsync(Guid id) =>
        OnExistingAsync(id, "sync", async grain => { await grain.SyncNow(); return "Sync started."; });

    public Task<AccountActionResult> ValidateAsync(Guid id) =>
        OnExistingAsync(id, "validate", async grain =>
        {
            var result = await grain.Validate();
            return result.Succeeded ? "The platform accepts the saved credentials." : $"The platform refused the saved credentials: {result.Error}";
        });

    public Task<AccountActionResult> DisableAsync(Guid id) =>
        OnExistingAsync(id, "disable", async grain => { await grain.Disable(); return "Disabled: polling stopped."; });

    public Task<AccountActionResult> EnableAsync(Guid id) =>
        OnExistingAsync(id, "enable", async grain =>
        {
            var result = await grain.Update(new UpdateAccountCommand { Active = true });
            return result.Succeeded ? "Enabled." : result.Error ?? "Not enabled.";
        });

    public async Task<AccountActionResult> DeleteAsync(Guid id)
    {
        if (await RefusedAsync() is { } refused)
        {
            return refused;
        }
        await orleans.GetGrain<IPlatformAccountGrain>(id).Delete();
        await audit.RecordAsync("dashboard platform-accounts.delete", $"id={id}");
        return AccountActionResult.Done("Deleted: credentials erased; imported orders stay.");
    }

    private async Task<AccountActionResult> OnExistingAsync(Guid id, string action, Func<IPlatformAccountGrain, Task<string>> run)
    {
        if (await RefusedAsync() is { } refused)
        {
            return refused;
        }
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is null)
        {
            return AccountActionResult.Failed("id", "Platform account not found.");
        }
        string message;
        try
        {
            message = await run(grain);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return AccountActionResult.Failed("id", "The account did not answer; try again.");
        }
        await audit.RecordAsync($"dashboard platform-accounts.{action}", $"id={id}", AuditOutcome.Success, message);
        return AccountActionResult.Done(message, await grain.GetInfo());
    }

    private async Task<AccountActionResult?> RefusedAsync() =>
        await user.HasAsync(Permissions.PlatformsManage) ? null : AccountActionResult.Failed("permission", "You may not manage platform accounts.");

    private static async Task<AccountCommandResult> CallAsync(Func<Task<AccountCommandResult>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return AccountCommandResult.Fail("the account did not answer in time; try again.");
        }
    }

    private static string Outcome(AccountActionResult result) => result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure;
}

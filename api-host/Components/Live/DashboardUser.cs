using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>The signed-in person of one circuit: who they are, what they may do, and when they last did something.</summary>
public sealed class DashboardUser(AuthenticationStateProvider authentication, IHttpContextAccessor http, IOptions<SecurityOptions> security, TimeProvider time)
{
    private long _lastActivityTicks = time.GetUtcNow().UtcTicks;

    public TimeSpan IdleTimeout => security.Value.SessionIdleTimeout;

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>The client address seen when the circuit started (for audit entries).</summary>
    public string? RemoteAddress { get; } = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, time.GetUtcNow().UtcTicks);

    public bool IsIdle => time.GetUtcNow() - LastActivity > IdleTimeout;

    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> HasAsync(string permission) => (await GetPrincipalAsync()).HasClaim(Permissions.ClaimType, permission);

    public async Task<Actor> GetActorAsync() => (await GetPrincipalAsync()).ToActor();
}

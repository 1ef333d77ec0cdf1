using System.Collections.Concurrent;

namespace OrderActors.Identity;

/// <summary>
/// The per-session answer of the request-time session check, kept for a short time so a burst of requests costs one
/// query. The identity stores invalidate it after every change they commit (logout, revocation, disable, password,
/// security stamp, roles, role permissions), so on this process a change applies to the very next request. Another
/// process (another api-host on the same database) sees the change when its entry expires: at most
/// <see cref="Duration"/> later.
/// </summary>
/// <remarks>
/// A check that read the database before an invalidation must not store its (possibly old) answer after it: every
/// invalidation moves a generation on, and an answer is stored only if the generation is the one its read started in.
/// Stores and invalidations take one lock (rare, short); lookups take none.
/// </remarks>
public sealed class AccessStateCache(TimeProvider time, TimeSpan duration)
{
    /// <summary>The default bound on how long another process may accept a session after it was revoked there.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(2);

    /// <summary>At most this many sessions are kept; beyond it the cache is emptied (and refills with the active ones).</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string UserId, string SessionId), Entry> _entries = new();
    private readonly Lock _gate = new();
    private long _generation;

    public TimeSpan Duration { get; } = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;

    /// <summary>The cached state of the session, or the loader's answer (cached unless an invalidation happened meanwhile).</summary>
    public async Task<AccessState?> GetOrLoadAsync(string userId, string sessionId, Func<CancellationToken, Task<AccessState?>> load, CancellationToken ct)
    {
        if (Duration == TimeSpan.Zero)
        {
            return await load(ct);
        }
        var key = (userId, sessionId);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.State;
        }
        var generation = Volatile.Read(ref _generation);
        var state = await load(ct);
        var expiresAt = now + Duration;
        if (state?.SessionExpiresAt is { } sessionEnd && sessionEnd < expiresAt)
        {
            // A session that ends within the window is not accepted past its end.
            expiresAt = sessionEnd;
        }
        lock (_gate)
        {
            if (_generation == generation)
            {
                if (_entries.Count >= MaxEntries)
                {
                    _entries.Clear();
                }
                _entries[key] = new Entry(state, expiresAt);
            }
        }
        return state;
    }

    /// <summary>After a session was revoked.</summary>
    public void InvalidateSession(string sessionId) => Invalidate(key => key.SessionId == sessionId);

    /// <summary>After anything about the user changed: disabled, password, security stamp, roles, all sessions revoked.</summary>
    public void InvalidateUser(string userId) => Invalidate(key => key.UserId == userId);

    /// <summary>After a role's permissions changed (or a role was deleted): every user's permissions may have.</summary>
    public void InvalidateAll() => Invalidate(_ => true);

    private void Invalidate(Func<(string UserId, string SessionId), bool> matches)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in _entries.Keys)
            {
                if (matches(key))
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Entry(AccessState? State, DateTimeOffset ExpiresAt);
}

using Microsoft.Extensions.Time.Testing;
using OrderActors.Identity;

namespace OrderActors.UnitTests.Identity;

public sealed class AccessStateCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private int _loads;

    private Func<CancellationToken, Task<AccessState?>> Loader(DateTimeOffset? sessionEnd = null) => _ =>
    {
        _loads++;
        return Task.FromResult<AccessState?>(new AccessState("stamp", false, true, ["orders.read"], ["manager"])
        {
            SessionExpiresAt = sessionEnd ?? _time.GetUtcNow().AddHours(12),
        });
    };

    [Fact]
    public async Task A_session_check_is_read_once_per_duration_and_again_once_it_has_passed()
    {
        var cache = new AccessStateCache(_time, TimeSpan.FromSeconds(2));

        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        Assert.Equal(1, _loads);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task An_entry_never_outlives_the_session_it_describes()
    {
        var cache = new AccessStateCache(_time, TimeSpan.FromSeconds(2));
        var sessionEnd = _time.GetUtcNow().AddMilliseconds(500);

        await cache.GetOrLoadAsync("u1", "s1", Loader(sessionEnd), default);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await cache.GetOrLoadAsync("u1", "s1", Loader(sessionEnd), default);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Invalidating_a_session_a_user_or_everything_forces_the_next_check_to_read_again()
    {
        var cache = new AccessStateCache(_time, TimeSpan.FromMinutes(1));
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        await cache.GetOrLoadAsync("u1", "s2", Loader(), default);
        await cache.GetOrLoadAsync("u2", "s3", Loader(), default);
        Assert.Equal(3, _loads);

        cache.InvalidateSession("s1");
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        await cache.GetOrLoadAsync("u1", "s2", Loader(), default);
        await cache.GetOrLoadAsync("u2", "s3", Loader(), default);
        Assert.Equal(4, _loads);

        cache.InvalidateUser("u1");
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        await cache.GetOrLoadAsync("u1", "s2", Loader(), default);
        await cache.GetOrLoadAsync("u2", "s3", Loader(), default);
        Assert.Equal(6, _loads);

        cache.InvalidateAll();
        await cache.GetOrLoadAsync("u2", "s3", Loader(), default);
        Assert.Equal(7, _loads);
    }

    [Fact]
    public async Task A_check_that_read_before_an_invalidation_does_not_store_its_answer()
    {
        var cache = new AccessStateCache(_time, TimeSpan.FromMinutes(1));
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource<AccessState?>();

        var slow = cache.GetOrLoadAsync("u1", "s1", _ =>
        {
            _loads++;
            reading.SetResult();
            return release.Task;
        }, default);
        await reading.Task;
        // The logout is stored and invalidates while the old answer is still on its way.
        cache.InvalidateSession("s1");
        release.SetResult(new AccessState("old", false, true, [], []));
        Assert.Equal("old", (await slow)!.SecurityStamp);

        var next = await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        Assert.Equal(2, _loads);
        Assert.Equal("stamp", next!.SecurityStamp);
    }

    [Fact]
    public async Task A_zero_duration_reads_every_time()
    {
        var cache = new AccessStateCache(_time, TimeSpan.Zero);

        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);
        await cache.GetOrLoadAsync("u1", "s1", Loader(), default);

        Assert.Equal(2, _loads);
    }
}

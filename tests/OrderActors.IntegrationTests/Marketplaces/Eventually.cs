namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Polls a condition until it holds or the deadline passes (tests wait for conditions, never for fixed times).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition not met in time{(because is null ? "" : $" ({because})")}; last value: {last}");
            }
            await Task.Delay(100);
        }
    }
}

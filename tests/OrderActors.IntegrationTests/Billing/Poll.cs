namespace OrderActors.IntegrationTests.Billing;

public static class Poll
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}

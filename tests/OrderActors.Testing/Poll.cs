namespace OrderActors.Testing;

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
public static class Poll
{
    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds; fails with the last value (or error) at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no attempt";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }
                last = $"last value: {value}";
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                last = $"last error: {ex.GetType().Name}: {ex.Message}";
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}; {last}");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}

namespace OrderActors.Testing;

public static class ProcessFailures
{
    /// <summary>
    /// Runs a test body; if it fails, fails with the same message followed by the output of every process,
    /// so a red end-to-end test shows what the silos and hosts logged.
    /// </summary>
    public static async Task ShowOutputOnFailureAsync(this IEnumerable<DotnetProcess> processes, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var outputs = string.Join("\n", processes.Select(p => $"--- {p.Name} (pid {p.Id}) ---\n{p.Tail(12_000)}"));
            throw new Xunit.Sdk.XunitException($"{ex.GetType().Name}: {ex.Message}\n{outputs}\n--- original stack ---\n{ex.StackTrace}");
        }
    }
}

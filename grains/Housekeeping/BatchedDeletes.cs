namespace OrderActors.Grains.Housekeeping;

/// <summary>
/// Retention clean-ups delete in bounded batches, so no single statement holds its locks long while the table keeps
/// being written: the batch runs again until one removes fewer rows than the bound.
/// </summary>
public static class BatchedDeletes
{
    /// <param name="deleteBatch">Deletes at most the given number of rows; returns how many it removed.</param>
    /// <returns>How many rows all batches removed.</returns>
    public static async Task<int> UntilDoneAsync(Func<int, Task<int>> deleteBatch, int batchSize)
    {
        var total = 0;
        while (true)
        {
            var removed = await deleteBatch(batchSize);
            total += removed;
            if (removed < batchSize)
            {
                return total;
            }
        }
    }
}

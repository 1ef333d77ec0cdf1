namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// The deadlines of one shard: a dictionary (the persisted truth) plus a min-heap of due times for finding the
/// due ones without scanning. Moved or removed deadlines leave stale heap entries that are skipped when popped.
/// </summary>
public sealed class DeadlineBook
{
    private readonly Dictionary<string, DeadlineEntry> _entries;
    private readonly PriorityQueue<string, DateTimeOffset> _byDue = new();

    public DeadlineBook(Dictionary<string, DeadlineEntry> entries)
    {
        _entries = entries;
        foreach (var (id, entry) in entries)
        {
            _byDue.Enqueue(id, entry.DueAt);
        }
    }

    public int Count => _entries.Count;

    public void Set(string id, DeadlineEntry entry)
    {
        _entries[id] = entry;
        _byDue.Enqueue(id, entry.DueAt);
    }

    public bool Remove(string id) => _entries.Remove(id);

    /// <summary>Removes <paramref name="id"/> only if it still is <paramref name="expected"/> (not moved meanwhile).</summary>
    public bool RemoveIfUnchanged(string id, DeadlineEntry expected) =>
        _entries.TryGetValue(id, out var current) && current == expected && _entries.Remove(id);

    public DateTimeOffset? NextDueAt
    {
        get
        {
            SkipStale();
            return _byDue.TryPeek(out _, out var due) ? due : null;
        }
    }

    /// <summary>The deadlines due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>; they stay in the book until removed.</summary>
    public List<(string Id, DeadlineEntry Entry)> Due(DateTimeOffset now, int max)
    {
        var due = new List<(string, DeadlineEntry)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var popped = new List<(string, DateTimeOffset)>();
        while (due.Count < max && _byDue.TryPeek(out var id, out var at) && at <= now)
        {
            _byDue.Dequeue();
            if (_entries.TryGetValue(id, out var entry) && entry.DueAt == at && seen.Add(id))
            {
                due.Add((id, entry));
                popped.Add((id, at));
            }
        }
        // Kept in the heap until fired and removed, so a failed firing is found again.
        foreach (var (id, at) in popped)
        {
            _byDue.Enqueue(id, at);
        }
        return due;
    }

    private void SkipStale()
    {
        while (_byDue.TryPeek(out var id, out var at) && !(_entries.TryGetValue(id, out var entry) && entry.DueAt == at))
        {
            _byDue.Dequeue();
        }
    }
}

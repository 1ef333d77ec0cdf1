using Dapper;
using Microsoft.Extensions.Time.Testing;
using OrderActors.Database;
using OrderActors.Idempotency;
using OrderActors.IntegrationTests.Returns;

namespace OrderActors.IntegrationTests.Pos;

/// <summary>The housekeeping job's idempotency cleanup on MariaDB and SQLite: expired keys go, recent ones stay.</summary>
public sealed class IdempotencyCleanupTests(ReturnsReadModelDatabases databases) : IClassFixture<ReturnsReadModelDatabases>
{
    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Records_older_than_the_retention_are_removed_in_batches_and_newer_ones_are_kept(string dialect)
    {
        var database = databases.For(dialect);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var store = new SqlIdempotencyStore(database, clock);
        var caller = $"terminal-{Guid.NewGuid():N}";
        var expired = IdempotencyHousekeeper.BatchSize + 3;
        await store.BeginAsync(caller, "pos.orders", "old-0", new string('a', 64));
        await store.CompleteAsync(caller, "pos.orders", "old-0", new StoredResponse(201, "{}", null));
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var createdAt = SqlTime.ToDb(clock.GetUtcNow(), database.Dialect);
            await connection.ExecuteAsync(
                "INSERT INTO idempotency_requests (caller, route, idem_key, request_hash, state, created_at) VALUES (@caller, 'pos.orders', @key, @hash, 'InProgress', @createdAt)",
                Enumerable.Range(1, expired - 1).Select(i => new { caller, key = $"old-{i}", hash = new string('a', 64), createdAt }), transaction);
            await transaction.CommitAsync();
        }
        clock.Advance(TimeSpan.FromDays(6));
        await store.BeginAsync(caller, "pos.payments", "recent", new string('b', 64));
        await store.CompleteAsync(caller, "pos.payments", "recent", new StoredResponse(201, "{}", null));
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var housekeeper = new IdempotencyHousekeeper(database, new IdempotencyOptions { Retention = TimeSpan.FromDays(7) }, clock);

        var outcome = await housekeeper.RunAsync(CancellationToken.None);

        Assert.Contains("idempotency records", outcome);
        await using var reader = await database.OpenAsync();
        var left = (await reader.QueryAsync<string>("SELECT idem_key FROM idempotency_requests WHERE caller = @caller", new { caller })).ToList();
        Assert.Equal(["recent"], left);
        // The same old key can be used again now; the recent one still replays its claim.
        Assert.Equal(IdempotencyBeginOutcome.Started, (await store.BeginAsync(caller, "pos.orders", "old-0", new string('c', 64))).Outcome);
        Assert.Equal(IdempotencyBeginOutcome.Completed, (await store.BeginAsync(caller, "pos.payments", "recent", new string('b', 64))).Outcome);
        Assert.Equal(0, await housekeeper.RemoveExpiredAsync());
    }
}

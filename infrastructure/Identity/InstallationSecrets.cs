using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>
/// Secrets generated once per installation and shared through the database by every process (the token signing key).
/// The first process to ask creates the value; a race between two processes is settled by the primary key.
/// </summary>
public sealed class InstallationSecrets(ReadModelDatabase database, TimeProvider time)
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> generate, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            $"{IdentitySql.InsertIgnore(database.Dialect)} installation_secrets (name, value, created_at) VALUES (@name, @value, @now)",
            new { name, value = generate(), now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct));
        return await c.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT value FROM installation_secrets WHERE name = @name", new { name }, cancellationToken: ct))
            ?? throw new InvalidOperationException($"Installation secret {name} vanished.");
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Identity;
using MySqlConnector;

namespace OrderActors.Bench.Dashboard;

/// <summary>
/// The benchmark's administrator, written straight into the identity tables once the api-host has migrated them.
/// The api-host only creates its bootstrap administrator in a database without users, and a read model that other
/// benchmarks (or people) have used already has some.
/// </summary>
public static class BenchAdmin
{
    public static async Task EnsureAsync(string connectionString, string email, string password)
    {
        var normalized = email.Trim().ToLowerInvariant();
        // The api-host verifies with ASP.NET Core Identity's hasher; its format does not depend on the user type.
        var hash = new PasswordHasher<object>().HashPassword(new object(), password);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var db = new MySqlConnection(connectionString);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        await using (var upsert = new MySqlCommand(
            "INSERT INTO identity_users (id, email, email_normalized, display_name, password_hash, security_stamp, failed_sign_ins, created_at, updated_at) " +
            "VALUES (@id, @email, @normalized, 'Dashboard benchmark', @hash, @stamp, 0, @now, @now) " +
            "ON DUPLICATE KEY UPDATE password_hash = @hash, disabled_at = NULL, failed_sign_ins = 0, lockout_until = NULL, " +
            "totp_secret = NULL, totp_enabled_at = NULL, updated_at = @now", db, tx))
        {
            upsert.Parameters.AddWithValue("@id", "dashboard-bench-admin");
            upsert.Parameters.AddWithValue("@email", email);
            upsert.Parameters.AddWithValue("@normalized", normalized);
            upsert.Parameters.AddWithValue("@hash", hash);
            upsert.Parameters.AddWithValue("@stamp", Guid.NewGuid().ToString("N"));
            upsert.Parameters.AddWithValue("@now", now);
            await upsert.ExecuteNonQueryAsync();
        }
        await using (var role = new MySqlCommand(
            "INSERT IGNORE INTO identity_user_roles (user_id, role_name) SELECT id, 'Admin' FROM identity_users WHERE email_normalized = @normalized", db, tx))
        {
            role.Parameters.AddWithValue("@normalized", normalized);
            await role.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        Console.WriteLine($"[{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z] benchmark administrator {email} ready");
    }
}

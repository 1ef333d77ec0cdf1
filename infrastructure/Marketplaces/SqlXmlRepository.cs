using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OrderActors.Database;

namespace OrderActors.Marketplaces.Security;

/// <summary>
/// Keeps the Data Protection key ring in <c>data_protection_keys</c>, so every silo and api-host of a cluster can
/// decrypt what another encrypted. (Data Protection calls this synchronously.)
/// </summary>
public sealed class SqlXmlRepository(ReadModelDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        var sql = database.Dialect == SqlDialect.MySql
            ? "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@Name, @Xml, @At) ON DUPLICATE KEY UPDATE xml = VALUES(xml)"
            : "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@Name, @Xml, @At) ON CONFLICT(friendly_name) DO UPDATE SET xml = excluded.xml";
        connection.Execute(sql, new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), At = SqlTime.ToDb(time.GetUtcNow(), database.Dialect) });
    }
}

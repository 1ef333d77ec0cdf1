using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>
/// Keeps the Data Protection key ring in the shared database so every api-host can read cookies and protected
/// values written by another. The interface is synchronous; key ring reads are rare (cached by the framework).
/// </summary>
public sealed class DatabaseXmlRepository(ReadModelDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var c = database.OpenAsync().GetAwaiter().GetResult();
        return c.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var c = database.OpenAsync().GetAwaiter().GetResult();
        c.Execute(
            $"{IdentitySql.InsertIgnore(database.Dialect)} data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now)",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = IdentitySql.Ms(time.GetUtcNow()) });
    }
}

namespace OrderActors.Stock;

/// <summary>The key of a stock item grain: location and SKU, length-prefixed so no characters in them can collide.</summary>
public static class StockKey
{
    public static string For(string sku, string location) => $"{location.Length}:{location}|{sku}";
}

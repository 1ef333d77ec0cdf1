namespace OrderActors.Orders;

/// <summary>Where an order came from. Names are part of the public JSON contract.</summary>
public enum SourcePlatform
{
    Manual = 0,
    Shopee = 1,
    Lazada = 2,
    Shopify = 3,
    TikTokShop = 4,
    Pos = 5,
}

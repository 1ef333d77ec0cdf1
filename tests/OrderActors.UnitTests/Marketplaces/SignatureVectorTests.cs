using System.Text;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;

namespace OrderActors.UnitTests.Marketplaces;

/// <summary>The test vectors of shared/marketplaces/*.md, reproduced exactly.</summary>
public sealed class SignatureVectorTests
{
    [Fact]
    public void Lazada_official_request_vector_reproduces_in_upper_case_hex()
    {
        var parameters = new Dictionary<string, string>
        {
            ["app_key"] = "123456",
            ["access_token"] = "test",
            ["timestamp"] = "1517820392000",
            ["sign_method"] = "sha256",
            ["order_id"] = "1234",
        };

        Assert.Equal("/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000",
            LazadaSigner.StringToSign("/order/get", parameters));
        Assert.Equal("4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A", LazadaSigner.Sign("helloworld", "/order/get", parameters));
        Assert.True(LazadaSigner.VerifyRequest("helloworld", "/order/get", parameters, "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"));
        Assert.False(LazadaSigner.VerifyRequest("helloworld", "/order/get", parameters, "4190d32361cfb9581350222f345cb77f3b19f0e31d162316848a2c1ffd5fab4a"));
    }

    [Fact]
    public void Lazada_push_vector_reproduces_in_lower_case_hex()
    {
        var body = Encoding.UTF8.GetBytes("""{"seller_id":"1234567","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"260422900198363","trade_order_line_id":"260422900298363","status_update_time":1603698638},"timestamp":1603766859530,"site":"lazada_vn"}""");

        Assert.Equal("59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6", LazadaSigner.SignPush("123456", "3412gyo124goi3124", body));
        Assert.True(LazadaSigner.VerifyPush("123456", "3412gyo124goi3124", body, "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6"));
        Assert.False(LazadaSigner.VerifyPush("123456", "3412gyo124goi3124", [.. body, (byte)' '], "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6"));
    }

    [Fact]
    public void TikTok_official_request_vector_reproduces()
    {
        var query = new Dictionary<string, string> { ["app_key"] = "29a39d", ["timestamp"] = "1623812664" };

        Assert.Equal("e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc",
            TikTokShopSigner.StringToSign("e59af819cc", "/authorization/202309/shops", query, null));
        Assert.Equal("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8", TikTokShopSigner.Sign("e59af819cc", "/authorization/202309/shops", query));
    }

    [Fact]
    public void TikTok_body_signing_vector_reproduces_and_ignores_sign_and_access_token()
    {
        var query = new Dictionary<string, string>
        {
            ["app_key"] = "68xu9ks5p4i8",
            ["shop_cipher"] = "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
            ["timestamp"] = "1696909648",
            ["sign"] = "ignored",
            ["access_token"] = "ignored",
        };
        const string body = """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}""";

        Assert.Equal("cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a", TikTokShopSigner.Sign("e59af819cc", "/event/202309/webhooks", query, body));
    }

    [Fact]
    public void TikTok_webhook_vector_reproduces()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}""");

        Assert.Equal("21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27", TikTokShopSigner.SignWebhook("fake_app_key", "fake_app_secret", body));
        Assert.True(TikTokShopSigner.VerifyWebhook("fake_app_key", "fake_app_secret", body, "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27"));
        Assert.False(TikTokShopSigner.VerifyWebhook("fake_app_key", "other_secret", body, "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27"));
    }

    [Theory]
    [InlineData("code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&timestamp=1337178173", "4712bf92ffc2917d15a2f5a273e39f0116667419aa4b6ac0b3baaf26fa3c4d20")]
    [InlineData("code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173", "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf")]
    public void Shopify_oauth_vectors_reproduce(string message, string expected)
    {
        // Shuffled order plus the hmac itself: the signer must sort and leave hmac out.
        var query = message.Split('&').Select(p => p.Split('=', 2)).Reverse().ToDictionary(p => p[0], p => p[1]);
        query["hmac"] = expected;

        Assert.Equal(expected, ShopifySigner.SignOAuth("hush", query));
        Assert.True(ShopifySigner.VerifyOAuth("hush", query));
    }

    [Fact]
    public void Shopify_webhook_vector_reproduces_in_base64()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":820982911946154508,"name":"#1001","financial_status":"paid","fulfillment_status":null}""");

        Assert.Equal("gXWlSxZd1b7NBRlwW177cjC/4djA3vtcUKKPrHMCiLs=", ShopifySigner.SignWebhook("hush", body));
        Assert.True(ShopifySigner.VerifyWebhook("hush", body, "gXWlSxZd1b7NBRlwW177cjC/4djA3vtcUKKPrHMCiLs="));
        Assert.False(ShopifySigner.VerifyWebhook("hush", body, "not base64!"));
        Assert.False(ShopifySigner.VerifyWebhook("hush", body, null));
    }

    [Theory]
    [InlineData("2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711", "9fdae5aeed86e753249982ec04aa54339280f12d3f456b9e3f7d8ee91e66a2b3")]
    [InlineData("2001887/api/v2/global_product/get_category165571443109777174636962737266615546704c6d1000000", "acd5a420a62ce9d730d869464ecd8e0cc66698e31175baf1b755007c90d0bd35")]
    [InlineData("2001887/api/v2/public/get_shops_by_partner1655714431", "bfd95b21eda3ed2c80e9373e8c0ce80bdc39b2dc02e4c6dc19e1413c75f8ab09")]
    public void Shopee_documented_base_strings_sign_as_calculated(string baseString, string expected)
    {
        Assert.Equal(expected, ShopeeSigner.Sign("test_partner_key", baseString));
        Assert.True(ShopeeSigner.VerifyRequest("test_partner_key", baseString, expected));
        Assert.False(ShopeeSigner.VerifyRequest("test_partner_key", baseString, expected.ToUpperInvariant()));
    }

    [Fact]
    public void Shopee_base_strings_are_built_in_the_documented_order()
    {
        Assert.Equal("2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711",
            ShopeeSigner.BaseString("2001887", "/api/v2/shop/get_shop_info", 1655714431, "59777174636562737266615546704c6d", "14701711"));
        Assert.Equal("2001887/api/v2/public/get_shops_by_partner1655714431", ShopeeSigner.BaseString("2001887", "/api/v2/public/get_shops_by_partner", 1655714431));
    }

    [Theory]
    [InlineData("http://www.example.com/example/uri", """{"shop_id": 123, "code": 1, "success": 1, "extra": "shop_id 123 is authorized successfully", "data": {"more_info": "more info"}, "timestamp": 1470198856}""", "32ad95ee30ee105f80e2ea52fc97c80853d6dcbe0c9a619a09e7914d70724070")]
    [InlineData("https://example.com/shopee/push", """{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"","update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}""", "d5c9433cebab96931b2257dc00a1004bb51022b66e3076c15ce39df581801c43")]
    public void Shopee_push_vectors_reproduce(string url, string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Equal(expected, ShopeeSigner.SignPush("test_partner_key", url, bytes));
        Assert.True(ShopeeSigner.VerifyPush("test_partner_key", url, bytes, expected));
        Assert.False(ShopeeSigner.VerifyPush("test_partner_key", url + "/", bytes, expected));
    }
}

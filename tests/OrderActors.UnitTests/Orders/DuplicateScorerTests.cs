using OrderActors.Grains.Orders.Duplicates;
using OrderActors.Orders;

namespace OrderActors.UnitTests.Orders;

public sealed class DuplicateScorerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Tee = ContactKeys.ItemSignature([new OrderItem("TEE-RED-M", "Red tee", null, 2, 39.9m, 0)]);

    private static DuplicateProbe Probe(SourcePlatform platform, string? phone, string? email, string items, decimal total, DateTimeOffset at, string account = "a1") =>
        new(Guid.NewGuid(), platform, account, ContactKeys.Phone(phone), ContactKeys.Email(email), items, total, "MYR", at);

    public static TheoryData<string, DuplicateProbe, DuplicateProbe> TruePositives => new()
    {
        { "same phone in two formats", Probe(SourcePlatform.Shopee, "+60 12-345 6789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", null, Tee, 84.80m, T0.AddHours(2)) },
        { "same email with a plus tag and case", Probe(SourcePlatform.Shopify, null, "Siti@Example.com", Tee, 84.80m, T0), Probe(SourcePlatform.TikTokShop, null, "siti+shop@example.com", Tee, 86.00m, T0.AddDays(1)) },
        { "same account elsewhere, totals 3% apart", Probe(SourcePlatform.Shopee, "60123456789", "s@x.my", Tee, 100m, T0), Probe(SourcePlatform.Shopee, "60123456789", "s@x.my", Tee, 97m, T0.AddHours(30), account: "a2") },
    };

    public static TheoryData<string, DuplicateProbe, DuplicateProbe> ObviousNegatives => new()
    {
        { "same platform and account are two real orders", Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0.AddHours(1)) },
        { "different contact", Probe(SourcePlatform.Shopee, "0123456789", "a@x.my", Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0199999999", "b@x.my", Tee, 84.80m, T0) },
        { "different items", Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", null, "other", 84.80m, T0) },
        { "totals far apart", Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", null, Tee, 120m, T0) },
        { "a week apart", Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", null, Tee, 84.80m, T0.AddDays(7)) },
        { "no contact at all", Probe(SourcePlatform.Shopee, null, null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, null, null, Tee, 84.80m, T0) },
    };

    [Theory]
    [MemberData(nameof(TruePositives))]
    public void Probable_duplicates_are_flagged_with_a_score(string because, DuplicateProbe a, DuplicateProbe b)
    {
        var scored = DuplicateScorer.Score(a, b);

        Assert.True(scored is not null, because);
        Assert.InRange(scored.Value.Score, 0.6, 1.0);
        Assert.Equal(scored.Value.Score, DuplicateScorer.Score(b, a)!.Value.Score);
    }

    [Theory]
    [MemberData(nameof(ObviousNegatives))]
    public void Obvious_non_duplicates_are_not_flagged(string because, DuplicateProbe a, DuplicateProbe b)
    {
        Assert.True(DuplicateScorer.Score(a, b) is null, because);
    }

    [Fact]
    public void Matching_phone_and_email_and_exact_totals_score_higher_than_a_single_contact_match()
    {
        var strong = DuplicateScorer.Score(Probe(SourcePlatform.Shopee, "0123456789", "s@x.my", Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", "s@x.my", Tee, 84.80m, T0))!.Value.Score;
        var weak = DuplicateScorer.Score(Probe(SourcePlatform.Shopee, "0123456789", null, Tee, 84.80m, T0), Probe(SourcePlatform.Lazada, "0123456789", null, Tee, 82m, T0.AddDays(2)))!.Value.Score;

        Assert.True(strong > weak, $"{strong} > {weak}");
    }

    [Fact]
    public void Item_signature_ignores_item_order_and_sku_case()
    {
        var a = ContactKeys.ItemSignature([new OrderItem("A-1", "A", null, 1, 1, 0), new OrderItem("b-2", "B", null, 2, 1, 0)]);
        var b = ContactKeys.ItemSignature([new OrderItem("B-2", "B", null, 2, 5, 0), new OrderItem("a-1", "A", null, 1, 5, 0)]);

        Assert.Equal(a, b);
    }
}

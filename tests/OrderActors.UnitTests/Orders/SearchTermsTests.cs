using OrderActors.Orders;
using OrderActors.ReadModel;
using static OrderActors.UnitTests.Orders.OrderFixtures;

namespace OrderActors.UnitTests.Orders;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("TEE-RED")]
    [InlineData("tee red")]
    [InlineData("siti")]
    [InlineData("Rahman")]
    [InlineData("2411110001")]
    [InlineData("012-345 6789")]
    [InlineData("siti@example.com")]
    public void Every_query_word_is_a_prefix_of_some_term_of_the_order(string query)
    {
        var terms = SearchTerms.For(Order(Snapshot("op", T0)));

        var words = SearchTerms.ForQuery(query);

        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.Contains(terms, t => t.StartsWith(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_order_id_is_searchable_with_or_without_dashes()
    {
        var order = Order(Snapshot("op", T0));
        var terms = SearchTerms.For(order);

        Assert.All(SearchTerms.ForQuery(order.Id.ToString()), w => Assert.Contains(terms, t => t.StartsWith(w, StringComparison.Ordinal)));
        Assert.All(SearchTerms.ForQuery(order.Id.ToString("N")[..8]), w => Assert.Contains(terms, t => t.StartsWith(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void Too_short_words_are_not_searched_and_bounds_cover_the_prefix()
    {
        Assert.Empty(SearchTerms.ForQuery("a - ."));
        Assert.True(string.CompareOrdinal("teeredm", SearchTerms.UpperBound("tee")) < 0);
        Assert.True(string.CompareOrdinal("tef", SearchTerms.UpperBound("tee")) >= 0);
    }

    [Fact]
    public void No_stored_term_is_a_prefix_of_another_so_prefix_ranges_hold_one_term_per_order_and_word()
    {
        var terms = SearchTerms.For(Order(Snapshot("op", T0)));

        Assert.DoesNotContain(terms, t => terms.Any(u => u != t && u.StartsWith(t, StringComparison.Ordinal)));
        Assert.DoesNotContain("siti", terms);
        Assert.Contains(terms, t => t.StartsWith("siti", StringComparison.Ordinal));
        Assert.Single(terms, t => t.StartsWith("tee", StringComparison.Ordinal));
    }
}

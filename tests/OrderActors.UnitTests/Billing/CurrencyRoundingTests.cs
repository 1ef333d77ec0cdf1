using OrderActors.Billing;
using OrderActors.Orders;

namespace OrderActors.UnitTests.Billing;

public sealed class CurrencyRoundingTests
{
    [Theory]
    [InlineData("IDR", "10000.5", "10001")]
    [InlineData("IDR", "10000.49", "10000")]
    [InlineData("VND", "24999.5", "25000")]
    [InlineData("JPY", "99.5", "100")]
    [InlineData("MYR", "39.905", "39.91")]
    [InlineData("MYR", "39.904", "39.90")]
    [InlineData("USD", "-1.005", "-1.01")]
    [InlineData("KWD", "1.2345", "1.235")]
    public void Amounts_round_half_away_from_zero_to_the_currency_minor_unit(string currency, string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Currency.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
    }

    [Fact]
    public void Idr_invoice_lines_have_no_minor_unit()
    {
        var line = InvoiceCalculator.Line(new InvoiceLineInput("S", "Item", 3, 3333.33m), new TaxPolicy(0.11m, PricesIncludeTax: false), "IDR");

        Assert.Equal(10000m, line.Net);
        Assert.Equal(1100m, line.Tax);
        Assert.Equal(11100m, line.Gross);
        Assert.Equal(0m, decimal.Remainder(line.Gross, 1m));
    }

    [Fact]
    public void Unknown_currency_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Currency.Round(1m, "XXQ"));
    }
}

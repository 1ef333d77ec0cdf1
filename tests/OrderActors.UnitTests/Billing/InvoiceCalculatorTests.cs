using OrderActors.Billing;

namespace OrderActors.UnitTests.Billing;

public sealed class InvoiceCalculatorTests
{
    [Fact]
    public void Tax_inclusive_prices_keep_the_gross_and_extract_the_tax()
    {
        var (lines, totals) = InvoiceCalculator.Calculate(
            [new InvoiceLineInput("TEE", "Tee", 2, 55.50m), new InvoiceLineInput("CAP", "Cap", 1, 20m, Discount: 2m)],
            new TaxPolicy(0.11m, PricesIncludeTax: true), "MYR");

        // 111.00 gross -> tax 111 * 0.11 / 1.11 = 11.00; 18.00 gross -> tax 1.7838 -> 1.78.
        Assert.Equal([111.00m, 18.00m], lines.Select(l => l.Gross));
        Assert.Equal([11.00m, 1.78m], lines.Select(l => l.Tax));
        Assert.Equal([100.00m, 16.22m], lines.Select(l => l.Net));
        Assert.Equal(new InvoiceTotals(116.22m, 12.78m, 129.00m), totals);
    }

    [Fact]
    public void Tax_exclusive_prices_add_the_tax_on_top()
    {
        var (lines, totals) = InvoiceCalculator.Calculate(
            [new InvoiceLineInput("TEE", "Tee", 3, 19.99m), new InvoiceLineInput("BAG", "Bag", 1, 0.05m)],
            new TaxPolicy(0.07m, PricesIncludeTax: false), "SGD");

        // 59.97 * 0.07 = 4.1979 -> 4.20; 0.05 * 0.07 = 0.0035 -> 0.00.
        Assert.Equal([59.97m, 0.05m], lines.Select(l => l.Net));
        Assert.Equal([4.20m, 0.00m], lines.Select(l => l.Tax));
        Assert.Equal(new InvoiceTotals(60.02m, 4.20m, 64.22m), totals);
    }

    [Fact]
    public void Totals_are_the_sums_of_the_rounded_lines()
    {
        var (lines, totals) = InvoiceCalculator.Calculate(
            Enumerable.Range(1, 7).Select(i => new InvoiceLineInput($"S{i}", "x", i, 1.015m * i)),
            new TaxPolicy(0.0825m, PricesIncludeTax: false), "USD");

        Assert.Equal(lines.Sum(l => l.Gross), totals.Gross);
        Assert.Equal(totals.Net + totals.Tax, totals.Gross);
        Assert.All(lines, l => Assert.Equal(l.Net + l.Tax, l.Gross));
    }

    [Fact]
    public void Zero_rate_means_no_tax_either_way()
    {
        var inclusive = InvoiceCalculator.Line(new InvoiceLineInput("S", "x", 1, 50_000m), new TaxPolicy(0m, true), "VND");
        var exclusive = InvoiceCalculator.Line(new InvoiceLineInput("S", "x", 1, 50_000m), new TaxPolicy(0m, false), "VND");

        Assert.Equal(0m, inclusive.Tax);
        Assert.Equal(inclusive, exclusive);
    }
}

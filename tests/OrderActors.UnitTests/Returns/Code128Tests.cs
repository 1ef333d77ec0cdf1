using OrderActors.ApiHost.Apis.Returns;

namespace OrderActors.UnitTests.Returns;

public sealed class Code128Tests
{
    [Fact]
    public void Every_symbol_is_three_bars_and_three_spaces_eleven_modules_wide_and_all_differ()
    {
        Assert.Equal(107, Code128.Widths.Count);
        for (var value = 0; value < 106; value++)
        {
            Assert.Equal(6, Code128.Widths[value].Length);
            Assert.Equal(11, Code128.Widths[value].Sum(c => c - '0'));
        }
        Assert.Equal(13, Code128.Widths[Code128.Stop].Sum(c => c - '0'));
        Assert.Equal(107, Code128.Widths.Distinct().Count());
    }

    [Fact]
    public void Known_symbol_patterns_match_the_specification()
    {
        // Start B, stop, and 'A' (value 33) as published module patterns.
        var modules = Code128.Modules("A");
        Assert.StartsWith("11010010000", modules);
        Assert.EndsWith("1100011101011", modules);
        Assert.Equal("10100011000", modules.Substring(11, 11));
    }

    [Fact]
    public void Checksum_is_the_start_plus_position_weighted_values_modulo_103()
    {
        // "PJJ123C": 104 + 48*1 + 42*2 + 42*3 + 17*4 + 18*5 + 19*6 + 35*7 = 879; 879 mod 103 = 55.
        Assert.Equal([104, 48, 42, 42, 17, 18, 19, 35, 55, 106], Code128.Symbols("PJJ123C"));
        // "RMA-2026-000123" is 15 symbols of 11 modules plus start, checksum (11 each) and stop (13).
        Assert.Equal(11 * 17 + 13, Code128.Modules("RMA-2026-000123").Length);
    }

    [Fact]
    public void Characters_outside_code_set_b_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Code128.Symbols("tab\there"));
        Assert.Throws<ArgumentException>(() => Code128.Symbols("café"));
    }

    [Fact]
    public void The_svg_draws_one_rect_per_bar()
    {
        var svg = Code128.Svg("OA2026000001RT");
        var bars = Code128.Modules("OA2026000001RT").Split('0', StringSplitOptions.RemoveEmptyEntries).Length;

        Assert.StartsWith("<svg", svg);
        Assert.Equal(bars + 1, svg.Split("<rect").Length - 1);
    }
}

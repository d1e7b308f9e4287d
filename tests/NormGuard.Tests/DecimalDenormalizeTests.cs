using System;
using Xunit;

namespace NormGuard.Tests;

/// <summary>Decimal members (Manifests/decimals.normguard.json): a std of 1e20 makes normalized values past about
/// 7.9e8 map back beyond decimal's range (7.9e28).</summary>
[FeatureSet("decimals", Version = 1)]
public sealed partial class DecimalRow
{
    [ZScore] public decimal Price { get; set; }

    [ZScore] public decimal? Discount { get; set; }
}

/// <summary>Denormalize never invents a decimal: a value past decimal's range throws rather than coming back as 0.</summary>
public sealed class DecimalDenormalizeTests
{
    [Fact]
    public void Values_within_range_come_back()
    {
        // Within float32's rounding of the scale (the manifest's 1e20 is not a float).
        DecimalRow row = DecimalRow.Denormalize([1.5f, -7e8f]);
        Assert.InRange((double)row.Price / 1.5e20, 1 - 1e-6, 1 + 1e-6);
        Assert.InRange((double)row.Discount!.Value / -7e28, 1 - 1e-6, 1 + 1e-6);
    }

    [Theory]
    [InlineData(8e8f, 0f, "Price")]
    [InlineData(float.PositiveInfinity, 0f, "Price")]
    [InlineData(0f, -1e9f, "Discount")]
    [InlineData(0f, float.NegativeInfinity, "Discount")]
    public void A_value_beyond_the_decimal_range_throws_naming_the_feature(float price, float discount, string feature)
    {
        NormalizationException error = Assert.Throws<NormalizationException>(() => DecimalRow.Denormalize([price, discount]));
        Assert.Equal(("decimals", feature), (error.FeatureSet, error.Feature));
        Assert.Contains("outside the range of decimal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_null_for_a_nullable_decimal_and_refused_for_a_plain_one()
    {
        Assert.Null(DecimalRow.Denormalize([1f, float.NaN]).Discount);
        Assert.Equal("Price", Assert.Throws<NormalizationException>(() => DecimalRow.Denormalize([float.NaN, 1f])).Feature);
    }
}

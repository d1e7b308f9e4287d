using System;
using NormGuard.Tool.Data;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>The cell rule itself (<see cref="CellText"/>), text by text, as docs/cli.md states it.</summary>
public sealed class CellTextTests
{
    [Theory]
    [InlineData("1.5", "Number", 1.5)]
    [InlineData(" -2e3 ", "Number", -2000d)]
    [InlineData("inf", "Number", double.PositiveInfinity)]
    [InlineData("-Infinity", "Number", double.NegativeInfinity)]
    [InlineData("", "Missing", double.NaN)]
    [InlineData("   ", "Missing", double.NaN)]
    [InlineData("NA", "Missing", double.NaN)]
    [InlineData("NaN", "Missing", double.NaN)]
    [InlineData("+nan", "Missing", double.NaN)]
    [InlineData("None", "Missing", double.NaN)]
    [InlineData("na", "NotANumber", double.NaN)]
    [InlineData("1,000", "NotANumber", double.NaN)]
    [InlineData("0x10", "NotANumber", double.NaN)]
    [InlineData("true", "NotANumber", double.NaN)]
    public void The_rule_for_a_numeric_feature(string text, string kind, double value)
    {
        Assert.Equal(Enum.Parse<CellValue>(kind), CellText.ReadNumber(text, passthrough: false, float32: false, out double read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("true", 1d)]
    [InlineData("FALSE", 0d)]
    [InlineData(" True ", 1d)]
    public void A_passthrough_feature_also_reads_true_and_false_in_any_casing(string text, double value)
    {
        Assert.Equal(CellValue.Number, CellText.ReadNumber(text, passthrough: true, float32: false, out double read));
        Assert.Equal(value, read);
        Assert.Equal(CellValue.NotANumber, CellText.ReadNumber("yes", passthrough: true, float32: false, out _));
    }

    [Fact]
    public void A_float32_number_is_rounded_once_from_its_text()
    {
        // 1.00000005960464477539062500000001 lies just above the midpoint between the floats 1 and 1 + 2^-23: read straight
        // to float it rounds up; read as the double 1.0000000596046448 (the midpoint, ties to even) and then to float, it
        // would round down to 1.
        const string Text = "1.00000005960464477539062500000001";
        Assert.Equal(CellValue.Number, CellText.ReadNumber(Text, passthrough: false, float32: true, out double read));
        Assert.Equal(1f + MathF.Pow(2, -23), (float)read);
    }
}

using System;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// Denormalize on edge outputs: NaN and ±∞ per member type, one-hot outputs with no winner, ties, negative and NaN scores.
/// A value the member's type can hold comes back; NaN or a one-hot without a winner comes back as null for a
/// nullable member and throws for one that cannot be null, rather than as a made-up 0, false or first enum member.
/// One-hot outputs that are all zeros or all NaN are what Normalize writes for "no category" (unknown under allZeros,
/// a propagated missing value); any other scores, negative ones included, have an arg-max.
/// </summary>
public sealed class DenormalizeEdgeTests
{
    private static float[] Baseline()
    {
        float[] outputs = new float[EdgeNormGuard.Width];
        EdgeValueTests.Fill(new EdgeNormGuard()).Normalize(outputs);
        return outputs;
    }

    private static EdgeNormGuard Back(Action<float[]> edit)
    {
        float[] outputs = Baseline();
        edit(outputs);
        return EdgeNormGuard.Denormalize(outputs);
    }

    private static int Column(string name) => EdgeValueTests.IndexOf(EdgeNormGuard.FeatureSet.OutputColumns, name);

    [Fact]
    public void Floating_members_keep_nan_and_infinities()
    {
        EdgeNormGuard row = Back(o => (o[Column("ZScoreDouble")], o[Column("ZScoreFloat")], o[Column("MaxAbsDouble")]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity));
        Assert.True(double.IsNaN(row.ZScoreDouble));
        Assert.Equal(float.PositiveInfinity, row.ZScoreFloat);
        Assert.Equal(double.NegativeInfinity, row.MaxAbsDouble);

        // A value far outside float range after the inverse scaling overflows to ∞ in a float member, as a cast does.
        EdgeNormGuard far = Back(o => o[Column("MaxAbsFloat")] = float.MaxValue);
        Assert.Equal(float.PositiveInfinity, far.MaxAbsFloat);
    }

    [Fact]
    public void Nullable_members_get_null_for_nan()
    {
        EdgeNormGuard row = Back(o => (o[Column("ZScoreNullableDouble")], o[Column("MaxAbsNullableInt")], o[Column("PassNullableBool")], o[Column("Log1pZScoreNullableLong")]) = (float.NaN, float.NaN, float.NaN, float.NaN));
        Assert.Null(row.ZScoreNullableDouble);
        Assert.Null(row.MaxAbsNullableInt);
        Assert.Null(row.PassNullableBool);
        Assert.Null(row.Log1pZScoreNullableLong);
    }

    [Theory]
    [InlineData("ZScoreInt", "int")]
    [InlineData("ZScoreLong", "long")]
    [InlineData("PassInt", "int")]
    public void Integer_members_refuse_nan(string feature, string type)
    {
        NormalizationException error = Assert.Throws<NormalizationException>(() => Back(o => o[Column(feature)] = float.NaN));
        Assert.Equal(("edge_normguard", feature, "NaN"), (error.FeatureSet, error.Feature, error.Value));
        Assert.Contains(type, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_members_saturate_at_infinities()
    {
        // Saturation, as .NET's own double-to-integer conversion does: an infinity is larger than every integer.
        EdgeNormGuard row = Back(o => (o[Column("ZScoreInt")], o[Column("MaxAbsInt")], o[Column("ZScoreLong")]) = (float.PositiveInfinity, float.NegativeInfinity, 1e30f));
        Assert.Equal(int.MaxValue, row.ZScoreInt);
        Assert.Equal(int.MinValue, row.MaxAbsInt);
        Assert.Equal(long.MaxValue, row.ZScoreLong);
    }

    [Fact]
    public void One_hot_takes_the_first_of_tied_scores_and_ignores_nan_scores()
    {
        int color = Column("Color=Red");
        Assert.Equal(EdgeColor.Red, Back(o => (o[color], o[color + 1], o[color + 2]) = (0.5f, 0.5f, 0f)).Color);
        Assert.Equal(EdgeColor.Green, Back(o => (o[color], o[color + 1], o[color + 2]) = (0.2f, 0.7f, 0.7f)).Color);
        Assert.Equal(EdgeColor.Blue, Back(o => (o[color], o[color + 1], o[color + 2]) = (float.NaN, 0.2f, 0.9f)).Color);
        Assert.Equal(EdgeColor.Green, Back(o => (o[color], o[color + 1], o[color + 2]) = (float.NegativeInfinity, float.PositiveInfinity, 1f)).Color);

        // A model's scores may all be negative: the arg-max is still the highest.
        Assert.Equal(EdgeColor.Green, Back(o => (o[color], o[color + 1], o[color + 2]) = (-1f, -0f, -3f)).Color);
        Assert.Equal(EdgeColor.Blue, Back(o => (o[color], o[color + 1], o[color + 2]) = (float.NegativeInfinity, float.NegativeInfinity, -1e30f)).Color);
        Assert.Equal(EdgeColor.Red, Back(o => (o[color], o[color + 1], o[color + 2]) = (float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity)).Color);
    }

    [Theory]
    [InlineData(0f, 0f, 0f, "0, 0, 0")]
    [InlineData(float.NaN, float.NaN, float.NaN, "NaN, NaN, NaN")]
    [InlineData(0f, -0f, 0f, "0, -0, 0")]
    public void One_hot_of_all_zeros_or_all_nan_throws_for_a_member_that_cannot_be_null(float red, float green, float blue, string shown)
    {
        int color = Column("Color=Red");
        NormalizationException error = Assert.Throws<NormalizationException>(() => Back(o => (o[color], o[color + 1], o[color + 2]) = (red, green, blue)));
        Assert.Equal(("edge_normguard", "Color", shown), (error.FeatureSet, error.Feature, error.Value));
        Assert.Contains("'Color'", error.Message, StringComparison.Ordinal);

        // A string member is a reference: null is how NormGuard writes a missing string (its missing policy applies to
        // null whatever the annotation), so null is what comes back.
        int name = Column("Name=x");
        Assert.Null(Back(o => (o[name], o[name + 1]) = (red, green)).Name);
    }

    [Fact]
    public void One_hot_of_all_zeros_or_all_nan_is_null_for_a_nullable_member()
    {
        // What Normalize wrote for an unknown tag (allZeros), a missing tag (propagate), a code that was missing.
        EdgeNormGuard row = Back(o =>
        {
            int tag = Column("Tag=a");
            (o[tag], o[tag + 1], o[tag + 2]) = (0f, 0f, 0f);
            int code = Column("Code=3");
            (o[code], o[code + 1], o[code + 2]) = (float.NaN, float.NaN, float.NaN);
            int shade = Column("Shade=Blue");
            (o[shade], o[shade + 1]) = (0f, 0f);
        });
        Assert.Null(row.Tag);
        Assert.Null(row.Code);
        Assert.Null(row.Shade);
    }

    [Fact]
    public void Denormalize_of_normalize_round_trips_the_edge_values_a_float_can_carry()
    {
        foreach (double value in new[] { double.PositiveInfinity, double.NegativeInfinity, 0d, 3.5, -8e6 })
        {
            var row = EdgeValueTests.Fill(new EdgeNormGuard());
            row.ZScoreDouble = value;
            row.Color = EdgeColor.Blue;
            row.Tag = "zzz";
            float[] outputs = new float[EdgeNormGuard.Width];
            row.Normalize(outputs);
            EdgeNormGuard back = EdgeNormGuard.Denormalize(outputs);
            Assert.Equal(value, back.ZScoreDouble, Math.Max(Math.Abs(value) * 1e-6, 1e-6));
            Assert.Equal(EdgeColor.Blue, back.Color);
            Assert.Null(back.Tag);
        }
    }
}

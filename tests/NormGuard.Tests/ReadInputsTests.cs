using System.Linq;
using System;
using Xunit;

namespace NormGuard.Tests;

/// <summary>The generated <c>ReadInputs</c>: one raw input per manifest feature, in manifest order.</summary>
public sealed class ReadInputsTests
{
    [Fact]
    public void Inputs_follow_the_manifest_order_with_category_indices_and_NaN_for_missing()
    {
        Assert.Equal(ChoiceRow.InputCount, ChoiceRow.FeatureSet.Manifest.Features.Count);
        Assert.Equal(["Level", "Floor", "Shade", "Flag", "Active"], ChoiceRow.FeatureSet.Manifest.Features.Select(f => f.Name));

        double[] inputs = new double[ChoiceRow.InputCount];
        new ChoiceRow { Level = Level.Extreme, Floor = 9, Shade = null, Flag = true, Active = false }.ReadInputs(inputs);
        Assert.Equal([2d, -1d, double.NaN, 1d, 0d], inputs);

        new ChoiceRow { Level = null, Floor = 3, Shade = Level.Low, Flag = null, Active = true }.ReadInputs(inputs);
        Assert.Equal([double.NaN, 2d, 1d, double.NaN, 1d], inputs);
    }

    [Fact]
    public void String_categories_and_nullable_numbers_are_read_without_their_fill_or_policy()
    {
        double[] inputs = new double[PolicyRow.InputCount];
        new PolicyRow { Propagated = 2.5f, Filled = null, Required = null, Level = Level.High, Tag = "b", Active = true }.ReadInputs(inputs);
        Assert.Equal([2.5, double.NaN, double.NaN, 1d, 1d, 1d], inputs);

        new PolicyRow { Propagated = null, Filled = 4.25, Required = -3, Level = null, Tag = "unseen", Active = false }.ReadInputs(inputs);
        Assert.Equal([double.NaN, 4.25, -3d, double.NaN, -1d, 0d], inputs);

        new PolicyRow { Tag = null }.ReadInputs(inputs);
        Assert.True(double.IsNaN(inputs[4]));
    }

    [Fact]
    public void A_short_destination_throws_before_writing()
    {
        double[] inputs = [7, 7, 7, 7];
        Assert.Throws<ArgumentException>(() => new ChoiceRow().ReadInputs(inputs));
        Assert.Equal([7d, 7d, 7d, 7d], inputs);
    }
}

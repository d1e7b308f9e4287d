using System;
using NormGuard.Internal;
using Xunit;

namespace NormGuard.Tests.Vectors;

/// <summary>
/// The documented edge behaviour of the kernels: the zero and near-zero vector under each L2 rule, the epsilon rule,
/// NaN and infinity propagation, and bad spans refused with the lengths in the message. Expected values are worked out
/// by hand from docs/vector-arithmetic.md, not taken from the kernels.
/// </summary>
public sealed class VectorKernelEdgeTests
{
    [Fact]
    public void The_zero_vector_stays_as_it_is_under_both_rules_negative_zeros_included()
    {
        float[] zero = [0f, -0f, 0f, -0f, 0f];
        var sklearn = new float[5];
        var torch = new float[5];
        VectorKernels.L2Normalize(zero, sklearn);
        VectorKernels.L2Normalize(zero, torch, 1e-12f);
        VectorKernelOracleTests.AssertSame(zero, sklearn, "sklearn rule"); // x / 1
        VectorKernelOracleTests.AssertSame(zero, torch, "torch rule");     // ±0 / 1e-12 = ±0
        Assert.Equal(0d, VectorKernels.SumOfSquares(zero));
        Assert.Equal(0f, VectorKernels.Norm(zero));
        Assert.Equal(0d, VectorKernels.SumOfSquares(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void Under_the_sklearn_rule_a_norm_below_ten_float32_epsilons_leaves_the_vector_unchanged()
    {
        // ‖(6e-7, 8e-7)‖ = 1e-6 < 1.1920929e-6: scikit-learn 1.2.1 divides by 1. (1.2e-6, 1.6e-6) has norm 2e-6: divided.
        float[] below = [6e-7f, 8e-7f];
        var y = new float[2];
        VectorKernels.L2Normalize(below, y);
        VectorKernelOracleTests.AssertSame(below, y, "below the floor");
        VectorKernels.L2Normalize([1.2e-6f, 1.6e-6f], y);
        Assert.Equal(0.6f, y[0], 6);
        Assert.Equal(0.8f, y[1], 6);
        Assert.Equal(10 * MathF.Pow(2, -23), (float)typeof(VectorKernels).GetField(nameof(VectorKernels.SklearnNormFloor))!.GetValue(null)!);
    }

    [Fact]
    public void The_epsilon_rule_divides_by_epsilon_when_the_norm_is_shorter()
    {
        // ‖(3e-13, 4e-13)‖ = 5e-13 < ε = 1e-12: y = x / 1e-12 = (0.3, 0.4), the vector keeps its short length.
        var y = new float[2];
        VectorKernels.L2Normalize([3e-13f, 4e-13f], y, 1e-12f);
        Assert.Equal(3e-13f / 1e-12f, y[0]);
        Assert.Equal(4e-13f / 1e-12f, y[1]);

        // ‖(3, 4)‖ = 5 > ε: y = (0.6, 0.8), exactly 3f / 5f and 4f / 5f.
        VectorKernels.L2Normalize([3f, 4f], y, 1e-12f);
        Assert.Equal(3f / 5f, y[0]);
        Assert.Equal(4f / 5f, y[1]);
        VectorKernels.L2Normalize([3f, 4f], y);
        Assert.Equal(3f / 5f, y[0]);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1e-12f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void The_epsilon_rule_refuses_an_epsilon_that_is_not_a_finite_positive_number(float epsilon)
    {
        var y = new float[2];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.L2Normalize([1f, 2f], y, epsilon));
        Assert.Equal("epsilon", error.ParamName);
    }

    [Fact]
    public void NaN_anywhere_makes_every_output_of_l2_NaN()
    {
        float[] x = [1f, float.NaN, 2f, 0f];
        var y = new float[4];
        Assert.True(double.IsNaN(VectorKernels.SumOfSquares(x)));
        VectorKernels.L2Normalize(x, y);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
        VectorKernels.L2Normalize(x, y, 1e-12f);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void An_infinite_element_gives_an_infinite_norm_so_finite_elements_become_zero_and_itself_NaN()
    {
        float[] x = [-2f, float.PositiveInfinity, 3f];
        var y = new float[3];
        Assert.Equal(double.PositiveInfinity, VectorKernels.SumOfSquares(x));
        VectorKernels.L2Normalize(x, y);
        Assert.Equal(-0f, y[0]); // −2 / +∞ = −0
        Assert.True(float.IsNegative(y[0]));
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal(0f, y[2]);
    }

    [Fact]
    public void Element_wise_steps_carry_NaN_and_infinity_through_per_element()
    {
        float[] x = [float.NaN, float.PositiveInfinity, 1f];
        var y = new float[3];
        VectorKernels.SubtractDivideSklearn(x, [0.5, 0.5, 0.5], [2.0, 2.0, 2.0], y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.Equal(0.25f, y[2]);
    }

    [Fact]
    public void Norms_beyond_float32_range_are_infinite_but_squares_never_overflow_float64()
    {
        // 1e30² = 1e60 overflows float32 but not float64: the norm of (3e30, 4e30) is 5e30.
        Assert.Equal(5e30f, VectorKernels.Norm([3e30f, 4e30f]));
        // Two elements of float.MaxValue: norm √2·3.4e38 > float.MaxValue, so +∞ (documented).
        Assert.Equal(float.PositiveInfinity, VectorKernels.Norm([float.MaxValue, float.MaxValue]));
        // The smallest subnormal squared is 2⁻²⁹⁸, a normal float64: the norm of (ε) is ε again.
        Assert.Equal(float.Epsilon, VectorKernels.Norm([float.Epsilon]));
    }

    [Fact]
    public void Mismatched_lengths_are_refused_naming_both_lengths()
    {
        var three = new float[3];
        var four = new float[4];
        AssertLengths(() => VectorKernels.L2Normalize(three, four), "destination", "4", "3");
        AssertLengths(() => VectorKernels.L2Normalize(three, four, 1e-12f), "destination", "4", "3");
        AssertLengths(() => VectorKernels.Dot(three, four), "b", "4", "3");
        AssertLengths(() => VectorKernels.Subtract(three, four, new float[3]), "offset", "4", "3");
        AssertLengths(() => VectorKernels.SubtractMultiply(three, three, four, new float[3]), "scale", "4", "3");
        AssertLengths(() => VectorKernels.SubtractSklearn(three, new double[4], new float[3]), "mean", "4", "3");
        AssertLengths(() => VectorKernels.SubtractDivideSklearn(three, new double[3], new double[2], new float[3]), "scale", "2", "3");
        AssertLengths(() => VectorKernels.PcaProject(three, four, new float[6], default, new float[2]), "mean", "4", "3");
        AssertLengths(() => VectorKernels.PcaProject(three, three, new float[5], default, new float[2]), "components", "5", "6");
        AssertLengths(() => VectorKernels.PcaProject(three, three, new float[6], new float[1], new float[2]), "whitenDivisors", "1", "2");
    }

    [Fact]
    public void A_partial_overlap_is_refused_but_the_same_memory_is_in_place()
    {
        var buffer = new float[] { 3f, 4f, 0f, 0f };
        var error = Assert.Throws<ArgumentException>(() => VectorKernels.L2Normalize(buffer.AsSpan(0, 3), buffer.AsSpan(1, 3)));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("shifted by 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VectorKernels.Subtract(buffer.AsSpan(1, 3), new float[3], buffer.AsSpan(0, 3)));

        VectorKernels.L2Normalize(buffer.AsSpan(0, 2), buffer.AsSpan(0, 2));
        Assert.Equal(new[] { 0.6f, 0.8f, 0f, 0f }, buffer);
    }

    private static void AssertLengths(Action call, string parameter, string found, string expected)
    {
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{found} values", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

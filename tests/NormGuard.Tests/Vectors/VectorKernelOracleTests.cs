using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.Vectors;

/// <summary>
/// Every kernel, on every length 0..70 (whole 16-element blocks, every tail length, and the 4- and 8-wide steps of the
/// element-wise loops), on every instruction-set path this machine accelerates, separately and in place, equals
/// <see cref="VectorOracle"/> bit for bit. .ci/run runs this class again with AVX-512, AVX2 and all intrinsics
/// disabled, which lowers the public entry points' path too.
/// </summary>
public sealed class VectorKernelOracleTests(ITestOutputHelper output)
{
    private const int MaxLength = 70;

    public static readonly TheoryData<string> Inputs = new() { "normal", "mixed", "nan", "infinity" };

    internal static IEnumerable<VectorIsa> Paths => Enum.GetValues<VectorIsa>().Where(isa => isa <= VectorKernels.Best);

    [Fact]
    public void The_machine_accelerates_the_path_the_public_entry_points_take()
    {
        // Not a tautology: under DOTNET_EnableHWIntrinsic=0 this must be Scalar, and the other tests then only cover it.
        VectorIsa expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? VectorIsa.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? VectorIsa.Vector256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? VectorIsa.Vector128 : VectorIsa.Scalar;
        Assert.Equal(expected, VectorKernels.Best);
        output.WriteLine($"public entry points take the {VectorKernels.Best} path; tested paths: {string.Join(", ", Paths)}");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reductions_equal_the_oracle_on_every_length_and_path(string inputs)
    {
        foreach (int n in Lengths())
        {
            float[] a = Draw(inputs, n, seed: n);
            float[] b = Draw("normal", n, seed: 1000 + n);
            double sumSquares = VectorOracle.SumOfProducts(a, a);
            double dot = VectorOracle.SumOfProducts(a, b);
            foreach (VectorIsa isa in Paths)
            {
                AssertSame(sumSquares, VectorKernels.SumOfSquaresOn(a, isa), $"SumOfSquares n={n} {isa}");
                AssertSame(dot, VectorKernels.SumOfProducts(a, b, isa), $"Dot n={n} {isa}");
            }

            AssertSame(sumSquares, VectorKernels.SumOfSquares(a), $"SumOfSquares n={n} public");
            AssertSame(dot, VectorKernels.Dot(a, b), $"Dot n={n} public");
            Assert.True(VectorOracle.Same(VectorOracle.Norm(a), VectorKernels.Norm(a)), $"Norm n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void L2_normalization_equals_the_oracle_separately_and_in_place(string inputs)
    {
        foreach (int n in Lengths())
        {
            float[] x = Draw(inputs, n, seed: 7 * n + 1);
            Check(x, VectorOracle.L2Sklearn(x), (s, d, isa) => VectorKernels.L2NormalizeSklearn(s, d, isa), (s, d) => VectorKernels.L2Normalize(s, d), $"l2 n={n}");
            Check(x, VectorOracle.L2Torch(x, 1e-12f), (s, d, isa) => VectorKernels.L2NormalizeTorch(s, d, 1e-12f, isa), (s, d) => VectorKernels.L2Normalize(s, d, 1e-12f), $"l2(eps) n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Element_wise_steps_equal_the_oracle_separately_and_in_place(string inputs)
    {
        foreach (int n in Lengths())
        {
            float[] x = Draw(inputs, n, seed: 11 * n + 2);
            float[] offset = Draw("normal", n, seed: 13 * n + 3);
            float[] scale = Draw("normal", n, seed: 17 * n + 4);
            double[] mean = Draw("normal", n, seed: 19 * n + 5).Select(v => v + 1e-9 * v).ToArray();
            double[] std = Draw("normal", n, seed: 23 * n + 6).Select(v => Math.Abs(v) + 0.1).ToArray();
            Check(x, VectorOracle.Subtract(x, offset), (s, d, isa) => VectorKernels.Subtract(s, offset, d, isa), (s, d) => VectorKernels.Subtract(s, offset, d), $"Subtract n={n}");
            Check(x, VectorOracle.SubtractMultiply(x, offset, scale), (s, d, isa) => VectorKernels.SubtractMultiply(s, offset, scale, d, isa), (s, d) => VectorKernels.SubtractMultiply(s, offset, scale, d), $"SubtractMultiply n={n}");
            Check(x, VectorOracle.SubtractSklearn(x, mean), (s, d, isa) => VectorKernels.SubtractSklearn(s, mean, d, isa), (s, d) => VectorKernels.SubtractSklearn(s, mean, d), $"SubtractSklearn n={n}");
            Check(x, VectorOracle.SubtractDivideSklearn(x, mean, std), (s, d, isa) => VectorKernels.SubtractDivideSklearn(s, mean, std, d, isa), (s, d) => VectorKernels.SubtractDivideSklearn(s, mean, std, d), $"SubtractDivideSklearn n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Pca_projection_equals_the_oracle_also_into_the_start_of_its_source(string inputs)
    {
        foreach (int d in Lengths().Where(d => d > 0))
        {
            float[] x = Draw(inputs, d, seed: 29 * d + 7);
            float[] mean = Draw("normal", d, seed: 31 * d + 8);
            foreach (int k in new[] { 1, (d + 1) / 2, d })
            {
                float[] components = Draw("normal", k * d, seed: 37 * d + k);
                float[] divisors = Draw("normal", k, seed: 41 * d + k).Select(v => MathF.Abs(v) + 0.25f).ToArray();
                foreach (float[]? whiten in new[] { null, divisors })
                {
                    float[] expected = VectorOracle.Pca(x, mean, components, whiten, k);
                    foreach (VectorIsa isa in Paths)
                    {
                        var separate = new float[k];
                        VectorKernels.PcaProjectOn(x, mean, components, whiten, separate, isa);
                        AssertSame(expected, separate, $"PCA d={d} k={k} whiten={whiten is not null} {isa}");
                        float[] inPlace = (float[])x.Clone();
                        VectorKernels.PcaProjectOn(inPlace, mean, components, whiten, inPlace.AsSpan(0, k), isa);
                        AssertSame(expected, inPlace[..k], $"PCA in place d={d} k={k} whiten={whiten is not null} {isa}");
                    }

                    var viaPublic = new float[k];
                    VectorKernels.PcaProject(x, mean, components, whiten, viaPublic);
                    AssertSame(expected, viaPublic, $"PCA d={d} k={k} public");
                }
            }
        }
    }

    [Fact]
    public void Pca_over_the_stack_scratch_limit_uses_pooled_scratch_with_the_same_bits()
    {
        int d = VectorKernels.PcaStackScratchLimit + 37;
        float[] x = Draw("normal", d, seed: 1);
        float[] mean = Draw("normal", d, seed: 2);
        float[] components = Draw("normal", 3 * d, seed: 3);
        float[] expected = VectorOracle.Pca(x, mean, components, null, 3);
        foreach (VectorIsa isa in Paths)
        {
            float[] inPlace = (float[])x.Clone();
            VectorKernels.PcaProjectOn(inPlace, mean, components, default, inPlace.AsSpan(0, 3), isa);
            AssertSame(expected, inPlace[..3], $"PCA d={d} in place {isa}");
        }
    }

    internal static IEnumerable<int> Lengths() => Enumerable.Range(0, MaxLength + 1);

    /// <summary>Values as embeddings hold them, or with the edge values the kernels must carry through unchanged.</summary>
    internal static float[] Draw(string kind, int n, int seed)
    {
        var random = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            x[i] = (float)(gaussian * 0.05);
        }

        if (n == 0)
        {
            return x;
        }

        switch (kind)
        {
            case "mixed":
                float[] edges = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, 1e-30f, 1e30f, -3e37f, 1f, float.MaxValue / 4096];
                for (int i = 0; i < n; i += 3)
                {
                    x[i] = edges[random.Next(edges.Length)];
                }

                break;
            case "nan":
                x[random.Next(n)] = float.NaN;
                break;
            case "infinity":
                x[random.Next(n)] = random.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity;
                break;
        }

        return x;
    }

    private static void Check(float[] x, float[] expected, Action<float[], float[], VectorIsa> onPath, Action<float[], float[]> viaPublic, string what)
    {
        foreach (VectorIsa isa in Paths)
        {
            var separate = new float[x.Length];
            onPath(x, separate, isa);
            AssertSame(expected, separate, $"{what} {isa}");
            float[] inPlace = (float[])x.Clone();
            onPath(inPlace, inPlace, isa);
            AssertSame(expected, inPlace, $"{what} {isa} in place");
        }

        float[] publicInPlace = (float[])x.Clone();
        viaPublic(publicInPlace, publicInPlace);
        AssertSame(expected, publicInPlace, $"{what} public in place");
    }

    internal static void AssertSame(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!VectorOracle.Same(expected[i], actual[i]))
            {
                Assert.Fail($"{what}, element {i}: expected {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}), got {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8})");
            }
        }
    }

    private static void AssertSame(double expected, double actual, string what)
    {
        if (!VectorOracle.Same(expected, actual))
        {
            Assert.Fail($"{what}: expected {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), got {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):X16})");
        }
    }
}

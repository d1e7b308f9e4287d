using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The bit-exact scikit-learn kernel (<see cref="StreamKernels.AffineFloat64"/>) on the parameter families of issue 15,
/// where the product with a short reciprocal lands on float32 rounding midpoints for about one lane in eight, and on
/// inputs that make every lane uncertain (values equal to the mean, outputs below the float32 normal range). Each lane
/// is compared bit for bit with <see cref="ProfileReference"/>, the contract's per-row arithmetic with true division,
/// read from a manifest holding the same parameters. Run again in .ci/run with AVX-512, AVX2 and all hardware
/// intrinsics disabled (the class name matches its StreamKernel filter).
/// </summary>
public sealed class StreamKernelFamilyTests(ITestOutputHelper output)
{
    private const int Width = 12;
    private const int Period = 48;

    // Not a multiple of 16 lanes: the scalar tail runs too.
    private const int Rows = 1_001;

    public static readonly TheoryData<string, string, bool> Cases = Build();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_equals_the_per_row_reference_bit_for_bit(string family, string inputs, bool float32Data)
    {
        (string[] ops, double[] offset, double[] divisor) = Parameters(family);
        float[] source = Inputs(inputs, ops, offset, divisor, seed: family.Length * 31 + inputs.Length);
        Manifest manifest = Manifest.Parse(ManifestJson(ops, offset, divisor, float32Data, inputs == "filled"));
        double[] fill = manifest.Features.Select(f => f.Missing.Kind != MissingValueKind.Fill ? double.NaN : float32Data ? (float)f.Missing.FillValue : f.Missing.FillValue).ToArray();

        var destination = new float[source.Length];
        int written = StreamKernels.AffineFloat64(
            source, destination, Lanes(offset), Lanes(divisor), Lanes(Enumerable.Repeat(1d, Width).ToArray()), Lanes(Enumerable.Repeat(-0d, Width).ToArray()),
            roundEachStep: float32Data, default, inputs == "filled" ? Lanes(fill) : default);
        Assert.Equal(source.Length, written);

        int midpoints = 0;
        for (int i = 0; i < source.Length; i++)
        {
            FeatureManifest feature = manifest.Features[i % Width];
            ProfileReference.Outcome expected = ProfileReference.Expect(manifest, feature, source[i]);
            Assert.False(expected.Throws, $"{feature.Name}: {source[i]:R} is refused");
            float want = expected.Values![0];
            if (!GoldenFiles.SameFloat(want, destination[i]))
            {
                Assert.Fail($"{family}/{inputs}/{(float32Data ? "float32" : "float64")} row {i / Width}, {feature.Name} ({ops[i % Width]} {offset[i % Width]:R}, {divisor[i % Width]:R}) of {source[i]:R}: reference {want:R} (0x{BitConverter.SingleToInt32Bits(want):X8}), kernel {destination[i]:R} (0x{BitConverter.SingleToInt32Bits(destination[i]):X8})");
            }

            midpoints += ReciprocalLandsOnMidpoint(source[i], offset[i % Width], divisor[i % Width], float32Data) ? 1 : 0;
        }

        output.WriteLine($"{source.Length:N0} values equal; {midpoints:N0} where x·(1/d) is a float32 rounding midpoint");
    }

    [Fact]
    public void Short_reciprocals_put_a_rounding_midpoint_in_many_vectors()
    {
        // Guards the premise of these tests: the family is the hard case for a reciprocal product, not an easy one.
        (string[] ops, double[] offset, double[] divisor) = Parameters("shortStd");
        float[] source = Inputs("uniform", ops, offset, divisor, seed: 3);
        int vectors = source.Length / 16;
        int hit = Enumerable.Range(0, vectors).Count(v => Enumerable.Range(v * 16, 16).Any(i => ReciprocalLandsOnMidpoint(source[i], offset[i % Width], divisor[i % Width], float32Data: true)));
        output.WriteLine($"{hit} of {vectors} 16-lane vectors hold a lane whose reciprocal product is a float32 midpoint");
        Assert.True(hit >= vectors / 4, $"only {hit} of {vectors} vectors");
    }

    private static TheoryData<string, string, bool> Build()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string family in new[] { "fullReciprocal", "shortStd", "shortRange", "powerOfTwo", "subnormalOutput", "hugeDivisorTinyScale", "tinyDivisor", "hugeOffset" })
        {
            foreach (string inputs in new[] { "uniform", "integers", "equalToMean", "nearMean", "filled" })
            {
                data.Add(family, inputs, true);
                data.Add(family, inputs, false);
            }
        }

        return data;
    }

    /// <summary>Per feature: the manifest op, the kernel's offset (mean or center; 0 for max-abs) and divisor.</summary>
    private static (string[] Ops, double[] Offset, double[] Divisor) Parameters(string family)
    {
        var ops = new string[Width];
        var offset = new double[Width];
        var divisor = new double[Width];
        double[] ranges = [0.8, 1.6, 3.2, 6.4, 4d / 3];
        for (int f = 0; f < Width; f++)
        {
            (ops[f], offset[f], divisor[f]) = family switch
            {
                "fullReciprocal" => ("zscore", 0.37 * f, 1.7 + (0.31 * f)),
                // std = k/7, k = 7…18: 1/std = 7/k (0.875 for k = 8).
                "shortStd" => ("zscore", 0.5 + (0.1 * f), (7d + f) / 7),
                // Robust IQRs and max-abs values 0.8, 1.6, 3.2, 6.4, 4/3.
                "shortRange" => f % 2 == 0 ? ("maxabs", 0d, ranges[f % ranges.Length]) : ("robust", 1.25 * f, ranges[f % ranges.Length]),
                "powerOfTwo" => ("zscore", 0.25 * f, Math.ScaleB(1d, f - 6)),
                // Outputs below the float32 normal range (1.2e-38): subnormal floats and zeros.
                "subnormalOutput" => ("zscore", 0.5 * f, 1e40 * (7d + f) / 7),
                "hugeDivisorTinyScale" => ("robust", -3d * f, Math.ScaleB(1d, 120 + f)),
                // Divisors in float64's subnormal range: quotients overflow float32 to ±∞ (and ±0 for equal values).
                "tinyDivisor" => ("zscore", f, 4.9e-324 * (1 + f)),
                // Epoch-second means, stds k/7 hours.
                _ => ("zscore", 1.7e9 + (1000d * f), (7d + f) / 7 * 3600),
            };
        }

        return (ops, offset, divisor);
    }

    private static float[] Inputs(string kind, string[] ops, double[] offset, double[] divisor, int seed)
    {
        var random = new Random(seed);
        var values = new float[Rows * Width];
        for (int i = 0; i < values.Length; i++)
        {
            int f = i % Width;
            double spread = divisor[f] is > 1e6 or < 1e-6 ? 100 : divisor[f];
            double x = offset[f] + (spread * ((random.NextDouble() * 6) - 3));
            values[i] = kind switch
            {
                "uniform" => (float)x,
                "integers" => (float)Math.Round(x),
                "equalToMean" => (float)offset[f],
                "nearMean" => NearMean(offset[f], random),
                // A fifth of the values missing, filled with the feature's mean.
                _ => random.Next(5) == 0 ? float.NaN : (float)x,
            };
        }

        return values;
    }

    // The float32 nearest the mean and its neighbours up to 4 ulps away, with ±0 when the mean is 0.
    private static float NearMean(double mean, Random random)
    {
        float m = (float)mean;
        for (int step = random.Next(-4, 5); step != 0; step -= Math.Sign(step))
        {
            m = step > 0 ? MathF.BitIncrement(m) : MathF.BitDecrement(m);
        }

        return m == 0 && random.Next(2) == 0 ? -0f : m;
    }

    private static string ManifestJson(string[] ops, double[] offset, double[] divisor, bool float32Data, bool filled)
    {
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        IEnumerable<string> features = Enumerable.Range(0, Width).Select(f =>
        {
            string step = ops[f] switch
            {
                "zscore" => $$"""{"op": "zscore", "mean": {{R(offset[f])}}, "std": {{R(divisor[f])}}}""",
                "robust" => $$"""{"op": "robust", "center": {{R(offset[f])}}, "scale": {{R(divisor[f])}}}""",
                _ => $$"""{"op": "maxabs", "maxabs": {{R(divisor[f])}}}""",
            };
            string missing = filled ? $$"""{"fill": {{R(offset[f])}}}""" : "\"propagate\"";
            return $$"""{"name": "F{{f}}", "steps": [{{step}}], "missing": {{missing}}}""";
        });
        return $$"""
            {
              "format": "normguard.manifest/1",
              "featureSet": "families",
              "version": 1,
              "profile": "sklearn",
              "dtype": "{{(float32Data ? "float32" : "float64")}}",
              "fit": {"split": "train", "rows": 10},
              "features": [{{string.Join(", ", features)}}]
            }
            """;
    }

    // P + 16 lanes, lane k holding feature k mod 12, as the generator lays the tables out.
    private static double[] Lanes(double[] perFeature) => Enumerable.Range(0, Period + 16).Select(k => perFeature[k % Width]).ToArray();

    // Whether (x − offset)·(1/divisor), computed as the pipeline computes the difference, is exactly a float32 midpoint:
    // where a reciprocal product cannot tell which way the true quotient rounds.
    private static bool ReciprocalLandsOnMidpoint(float x, double offset, double divisor, bool float32Data)
    {
        if (float.IsNaN(x))
        {
            return false;
        }

        double v = x - offset;
        v = float32Data ? (float)v : v;
        double product = v * (1 / divisor);
        long bits = BitConverter.DoubleToInt64Bits(product);
        return double.IsNormal(product) && Math.Abs(product) >= 1.1754943508222875e-38 && (bits & 0x1FFF_FFFF) == 0x1000_0000;
    }
}

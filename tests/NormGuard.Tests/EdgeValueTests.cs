using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The edge-value matrix of issue 7: every op (and the log1p+zscore and clip+minmax chains) under every profile, for
/// float, double, int, long, their nullable forms, bool, enum and string members, against NaN, ±∞, ±0, subnormals,
/// float/double extremes, values a million ranges outside training, clip bounds and their neighbours, log domains,
/// null and unknown categories. Each case is checked against <see cref="ProfileReference"/> (the contract's
/// arithmetic and policies), bit for bit where the value is defined, through Normalize and NormalizeBatch.
/// </summary>
public sealed class EdgeValueTests(ITestOutputHelper output)
{
    // A value no normalization writes: a NaN with a payload the arithmetic never produces.
    private static readonly float Sentinel = BitConverter.Int32BitsToSingle(0x7FA5_5A5A);

    public static readonly TheoryData<string> Profiles = new() { "normguard", "sklearn64", "sklearn32", "onnx", "mlnet", "spark" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_member_follows_the_contract_for_every_edge_value(string profile)
    {
        int cases = profile switch
        {
            "normguard" => Run<EdgeNormGuard>(),
            "sklearn64" => Run<EdgeSklearn64>(),
            "sklearn32" => Run<EdgeSklearn32>(),
            "onnx" => Run<EdgeOnnx>(),
            "mlnet" => Run<EdgeMLNet>(),
            _ => Run<EdgeSpark>(),
        };
        output.WriteLine($"{profile}: {cases} cases");
        Assert.True(cases > 1000, $"only {cases} cases ran");
    }

    [Fact]
    public void Log_and_log1p_special_cases_are_the_ieee_ones_in_every_profile()
    {
        // C99 Annex F: log1p(±0) = ±0, log1p(−1) = −∞, log1p(x < −1) = NaN, log(±0) = −∞, log(x < 0) = NaN, both (+∞) = +∞;
        // a subnormal x has log1p(x) = x.
        (double Input, double Log1p, double Log)[] table =
        [
            (0d, 0d, double.NegativeInfinity), (-0d, -0d, double.NegativeInfinity), (-1d, double.NegativeInfinity, double.NaN),
            (-2d, double.NaN, double.NaN), (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity),
            (double.NegativeInfinity, double.NaN, double.NaN),
        ];
        foreach ((double input, double log1p, double log) in table)
        {
            float x = (float)input;
            Check<EdgeNormGuard>(r => (r.Log1pFloat, r.LogFloat) = (x, x), "Float", (float)log1p, (float)log);
            Check<EdgeSklearn32>(r => (r.Log1pFloat, r.LogFloat) = (x, x), "Float", (float)log1p, (float)log);
            Check<EdgeOnnx>(r => (r.Log1pDouble, r.LogDouble) = (input, input), "Double", (float)log1p, (float)log);
            Check<EdgeMLNet>(r => (r.Log1pFloat, r.LogFloat) = (x, x), "Float", (float)log1p, (float)log);
            Check<EdgeSklearn64>(r => (r.Log1pDouble, r.LogDouble) = (input, input), "Double", (float)log1p, (float)log);
            Check<EdgeSpark>(r => (r.Log1pDouble, r.LogDouble) = (input, input), "Double", (float)log1p, (float)log);
        }

        // A NaN input is missing, not a value: these members' policy is "error", so it throws naming the feature (the
        // matrix checks every policy); under "propagate" it comes out NaN.
        EdgeNormGuard nanRow = Fill(new EdgeNormGuard());
        nanRow.Log1pFloat = float.NaN;
        var nanError = Assert.Throws<NormalizationException>(() => nanRow.Normalize(new float[EdgeNormGuard.Width]));
        Assert.Equal(("Log1pFloat", "NaN"), (nanError.Feature, nanError.Value));

        // Subnormals: log1p(x) = x, then the float64 pipelines round it to float32 (a double subnormal becomes ±0).
        Check<EdgeNormGuard>(r => r.Log1pFloat = float.Epsilon, "Float", float.Epsilon, null);
        Check<EdgeSklearn32>(r => r.Log1pFloat = -float.Epsilon, "Float", -float.Epsilon, null);
        Check<EdgeSklearn64>(r => r.Log1pDouble = double.Epsilon, "Double", 0f, null);
        Check<EdgeSpark>(r => r.Log1pDouble = -double.Epsilon, "Double", -0f, null);

        void Check<T>(Action<T> set, string type, float log1pWanted, float? logWanted)
            where T : class, INormalizable<T>, new()
        {
            T row = Fill(new T());
            set(row);
            float[] outputs = new float[T.Width];
            row.Normalize(outputs);
            IReadOnlyList<string> columns = T.FeatureSet.OutputColumns;
            float log1pGot = outputs[IndexOf(columns, "Log1p" + type)];
            Assert.True(GoldenFiles.SameFloat(log1pWanted, log1pGot), $"{typeof(T).Name}.Log1p{type}: {log1pWanted:R} wanted, {log1pGot:R} written");
            if (logWanted is float wanted)
            {
                float logGot = outputs[IndexOf(columns, "Log" + type)];
                Assert.True(GoldenFiles.SameFloat(wanted, logGot), $"{typeof(T).Name}.Log{type}: {wanted:R} wanted, {logGot:R} written");
            }
        }
    }

    /// <summary>For every member and every edge value of its type: Normalize and a three-row batch agree with the reference.</summary>
    private static int Run<T>()
        where T : class, INormalizable<T>, new()
    {
        Manifest manifest = T.FeatureSet.Manifest;
        IReadOnlyList<string> columns = T.FeatureSet.OutputColumns;
        T baseline = Fill(new T());
        float[] baselineOut = new float[T.Width];
        baseline.Normalize(baselineOut);
        int cases = 0;
        foreach (FeatureManifest feature in manifest.Features)
        {
            PropertyInfo property = typeof(T).GetProperty(feature.Name)!;
            int offset = IndexOf(columns, feature.Steps[0] is OneHotStep ? feature.Name + "=" + ((OneHotStep)feature.Steps[0]).Categories[0] : feature.Name);
            foreach (object? input in EdgeInputs(property.PropertyType))
            {
                string label = $"{typeof(T).Name}.{feature.Name} = {Show(input)}";
                ProfileReference.Outcome expected = ProfileReference.Expect(manifest, feature, input);
                T row = Fill(new T());
                property.SetValue(row, input);

                float[] single = Enumerable.Repeat(Sentinel, T.Width).ToArray();
                float[] batch = Enumerable.Repeat(Sentinel, 3 * T.Width).ToArray();
                T[] rows = [baseline, row, baseline];
                if (expected.Throws)
                {
                    NormalizationException error = Assert.Throws<NormalizationException>(() => row.Normalize(single));
                    AssertNames(error, T.FeatureSet.Name, feature.Name, expected.ErrorValue, label);
                    Assert.True(single.All(IsSentinel), label + ": Normalize wrote before throwing");

                    Assert.True(error.RowIndex is null, label + ": Normalize gave a row index");
                    error = Assert.Throws<NormalizationException>(() => T.NormalizeBatch(rows, batch));
                    AssertNames(error, T.FeatureSet.Name, feature.Name, expected.ErrorValue, label);
                    Assert.True(error.RowIndex == 1, $"{label}: NormalizeBatch's row index {error.RowIndex}, the failing row is 1");

                    // Rows before the failing one are complete; the failing row and those after it are untouched.
                    Assert.True(batch.AsSpan(0, T.Width).SequenceEqual(baselineOut), label + ": first batch row");
                    Assert.True(batch.AsSpan(T.Width).ToArray().All(IsSentinel), label + ": NormalizeBatch wrote the failing row");
                }
                else
                {
                    row.Normalize(single);
                    T.NormalizeBatch(rows, batch);
                    for (int c = 0; c < T.Width; c++)
                    {
                        int inFeature = c - offset;
                        float want = inFeature >= 0 && inFeature < expected.Values!.Length ? expected.Values[inFeature] : baselineOut[c];
                        Assert.True(GoldenFiles.SameFloat(want, single[c]), $"{label}: column {columns[c]} {want:R} wanted, {single[c]:R} written");
                        Assert.True(GoldenFiles.SameFloat(want, batch[T.Width + c]), $"{label}: batch column {columns[c]} {want:R} wanted, {batch[T.Width + c]:R} written");
                        Assert.True(GoldenFiles.SameFloat(baselineOut[c], batch[c]) && GoldenFiles.SameFloat(baselineOut[c], batch[(2 * T.Width) + c]), $"{label}: neighbouring batch rows changed");
                    }
                }

                cases++;
            }
        }

        return cases;
    }

    private static void AssertNames(NormalizationException error, string featureSet, string feature, string? value, string label)
    {
        Assert.True(error.FeatureSet == featureSet && error.Feature == feature && error.Value == value, $"{label}: exception names ({error.FeatureSet}, {error.Feature}, {error.Value ?? "null"})");
        Assert.Contains("'" + featureSet + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'" + feature + "'", error.Message, StringComparison.Ordinal);
        if (value is not null)
        {
            Assert.Contains("\"" + value + "\"", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Sets every member to an ordinary training-range value (present, a known category).</summary>
    internal static T Fill<T>(T row)
        where T : class
    {
        foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(double) ? 1.5d
                : type == typeof(float) ? 1.5f
                : type == typeof(int) ? 3
                : type == typeof(long) ? 2L
                : type == typeof(bool) ? true
                : type == typeof(EdgeColor) ? (property.Name == "Shade" ? EdgeColor.Blue : EdgeColor.Red)
                : property.Name == "Name" ? "x" : "a";
            property.SetValue(row, value);
        }

        return row;
    }

    internal static IEnumerable<object?> EdgeInputs(Type type)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            yield return null;
            type = underlying;
        }

        IEnumerable<object> values = type switch
        {
            _ when type == typeof(double) => DoubleEdges().Select(d => (object)d),
            _ when type == typeof(float) => DoubleEdges().Select(d => (float)d).Concat(FloatOnlyEdges()).Distinct().Select(f => (object)f),
            _ when type == typeof(int) => new[] { int.MinValue, int.MaxValue, 0, 1, -1, -2, 3, 16_777_217, 8_000_006, -8_000_002 }.Select(i => (object)i),
            // 2^60 + 2^36 + 1: rounding to float32 through double (ties to even) and directly differ.
            _ when type == typeof(long) => new[] { long.MinValue, long.MaxValue, 0L, -1L, 3L, (1L << 53) + 1, (1L << 60) + (1L << 36) + 1 }.Select(l => (object)l),
            _ when type == typeof(bool) => new object[] { true, false },
            _ when type == typeof(EdgeColor) => new object[] { EdgeColor.Red, EdgeColor.Green, EdgeColor.Blue, EdgeColor.Violet, (EdgeColor)42, (EdgeColor)(-1) },
            _ when type == typeof(string) => new object[] { "a", "b", "c", "x", "y", "zzz", string.Empty, "A", "x " },
            _ => throw new NotSupportedException(type.Name),
        };
        foreach (object value in values)
        {
            yield return value;
        }

        if (type == typeof(string))
        {
            // A null string is missing whether or not the member is annotated nullable.
            yield return null;
        }
    }

    private static IEnumerable<double> DoubleEdges()
    {
        double[] special =
        [
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0d, 0d,
            double.Epsilon, BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), -double.Epsilon, BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000),
            double.MaxValue, double.MinValue, float.MaxValue, -(double)float.MaxValue, 1e300, -1e-300,
            // A million training ranges outside (the min-max range is [−2, 6], the z-score mean 3.5 ± 1.25).
            6 + 8e6, -2 - 8e6, 3.5 + 1.25e6, -3.5e12,
            // log and log1p domains.
            -1d, -2d, -0.5, 1d,
            // At the clip bounds ([−2, 2], [0, 10], min-max to [−1, 1] from [−2, 6]) and one ulp beyond.
            -2d, 2d, Math.BitDecrement(-2d), Math.BitIncrement(2d), 10d, Math.BitIncrement(10d), Math.BitDecrement(0d), 6d, Math.BitIncrement(6d),
            // The training centre (exact zero out) and the training constants of the constant features.
            3.5, 1.5, 2d, 5d, 1.1,
        ];
        return special;
    }

    private static IEnumerable<float> FloatOnlyEdges() =>
    [
        float.Epsilon, BitConverter.Int32BitsToSingle(0x007F_FFFF), -float.Epsilon, BitConverter.Int32BitsToSingle(0x0080_0000),
        float.MaxValue, float.MinValue, MathF.BitIncrement(2f), MathF.BitDecrement(-2f), MathF.BitIncrement(10f), MathF.BitIncrement(6f),
    ];

    private static bool IsSentinel(float value) => BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(Sentinel);

    internal static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException("no output column " + name);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d",
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
        string s => "\"" + s + "\"",
        _ => value.ToString()!,
    };
}

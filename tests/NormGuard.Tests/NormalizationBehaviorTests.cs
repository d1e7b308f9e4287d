using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>Length checks, missing values, unknown categories, batches and the inverse, on generated code.</summary>
public sealed class NormalizationBehaviorTests
{
    [Fact]
    public void A_short_destination_throws_before_anything_is_written()
    {
        var row = new Sensor { Temperature = 80, Pressure = 5, Vibration = 0.1f, Current = 12, Load = 1 };
        float[] destination = Enumerable.Repeat(-7f, Sensor.Width - 1).ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(() => row.Normalize(destination));
        Assert.Contains("'sensor' needs 5 floats", error.Message, StringComparison.Ordinal);
        Assert.All(destination, v => Assert.Equal(-7f, v));

        Sensor[] rows = [row, row, row];
        float[] batch = Enumerable.Repeat(-7f, (Sensor.Width * 3) - 1).ToArray();
        Assert.Throws<ArgumentException>(() => Sensor.NormalizeBatch(rows, batch));
        Assert.All(batch, v => Assert.Equal(-7f, v));
        Assert.Throws<ArgumentException>(() => Sensor.Denormalize(new float[4]));
        Assert.Throws<ArgumentException>(() => Sensor.DenormalizeBatch(new float[9], new Sensor[2]));
    }

    [Fact]
    public void Normguard_profile_arithmetic_is_float32_with_baked_reciprocals()
    {
        var row = new Sensor { Temperature = 74.75f, Pressure = 100, Vibration = -0.0625f, Current = 30, Load = 0.5f };
        float[] output = new float[Sensor.Width];
        row.Normalize(output);
        Assert.Equal((74.75f - 71.5f) * (float)(1 / 3.25), output[0]);
        Assert.Equal(1f, output[1]);
        Assert.Equal(-0.5f, output[2]);
        Assert.Equal(5f, output[3]);
        Assert.Equal(0.5f, output[4]);
        Assert.Equal(["Temperature", "Pressure", "Vibration", "Current", "Load"], Sensor.FeatureSet.OutputColumns);
    }

    [Fact]
    public void Stream_kernel_equals_the_per_row_code_for_every_batch_length()
    {
        var random = new Random(5);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, float.MaxValue, -float.MaxValue];
        Sensor[] rows = Enumerable.Range(0, 257).Select(i => new Sensor
        {
            // Temperature refuses NaN (policy "error"): the batch would stop there; StreamKernelMissingTests checks that.
            Temperature = Pick(random, specials.Where(s => !float.IsNaN(s)).ToArray(), 70),
            Pressure = Pick(random, specials, 5),
            Vibration = Pick(random, specials, 0.1f),
            Current = Pick(random, specials, 12),
            Load = Pick(random, specials, 1),
        }).ToArray();

        for (int n = 0; n <= rows.Length; n += n < 40 ? 1 : 37)
        {
            float[] batch = new float[n * Sensor.Width];
            Sensor.NormalizeBatch(rows.AsSpan(0, n), batch);
            float[] single = new float[Sensor.Width];
            for (int r = 0; r < n; r++)
            {
                rows[r].Normalize(single);
                for (int c = 0; c < Sensor.Width; c++)
                {
                    Assert.True(GoldenFiles.SameFloat(single[c], batch[(r * Sensor.Width) + c]), $"n={n} row {r} column {c}: {single[c]:R} vs {batch[(r * Sensor.Width) + c]:R}");
                }
            }
        }
    }

    [Fact]
    public void Missing_values_follow_the_manifest_policy()
    {
        float[] output = new float[PolicyRow.Width];
        var row = new PolicyRow { Propagated = null, Filled = null, Required = 4, Level = null, Tag = "b", Active = true };
        row.Normalize(output);
        Assert.True(float.IsNaN(output[0]));
        Assert.Equal(0.75f, output[1]);
        Assert.Equal(0.5f, output[2]);
        Assert.True(float.IsNaN(output[3]) && float.IsNaN(output[4]));
        Assert.Equal([0f, 1f, 1f], output[5..8]);

        NormalizationException missing = Assert.Throws<NormalizationException>(() => new PolicyRow { Required = null, Tag = "a" }.Normalize(output));
        Assert.Equal(("policies", "Required", (string?)null), (missing.FeatureSet, missing.Feature, missing.Value));
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);

        NormalizationException missingString = Assert.Throws<NormalizationException>(() => new PolicyRow { Required = 1, Tag = null }.Normalize(output));
        Assert.Equal("Tag", missingString.Feature);
    }

    [Fact]
    public void NaN_in_a_float_member_is_missing_and_infinity_is_not()
    {
        float[] output = new float[PolicyRow.Width];
        new PolicyRow { Propagated = float.NaN, Filled = double.NaN, Required = 4, Level = Level.High, Tag = "b" }.Normalize(output);
        Assert.True(float.IsNaN(output[0]));
        Assert.Equal(0.75f, output[1]);

        // Under "error" (Sensor.Temperature, the default policy) NaN throws before anything is written, naming the value.
        float[] sensorOut = Enumerable.Repeat(-7f, Sensor.Width).ToArray();
        var sensor = new Sensor { Temperature = float.NaN, Pressure = 5, Vibration = 0.1f, Current = 12, Load = 1 };
        NormalizationException error = Assert.Throws<NormalizationException>(() => sensor.Normalize(sensorOut));
        Assert.Equal(("sensor", "Temperature", "NaN"), (error.FeatureSet, error.Feature, error.Value));
        Assert.Contains("\"NaN\"", error.Message, StringComparison.Ordinal);
        Assert.All(sensorOut, v => Assert.Equal(-7f, v));

        // Infinities are values: z-score of +∞ is +∞, clip bounds them, fill does not replace them.
        new Sensor { Temperature = float.PositiveInfinity, Pressure = float.NegativeInfinity, Vibration = float.PositiveInfinity, Current = float.PositiveInfinity, Load = float.NegativeInfinity }.Normalize(sensorOut);
        Assert.Equal([float.PositiveInfinity, -1f, float.PositiveInfinity, 5f, float.NegativeInfinity], sensorOut);

        // "propagate" keeps NaN through min-max with clip and robust with clip; a fill replaces it before the steps.
        new Sensor { Temperature = 71.5f, Pressure = float.NaN, Vibration = float.NaN, Current = float.NaN, Load = float.NaN }.Normalize(sensorOut);
        Assert.True(sensorOut[0] == 0f && float.IsNaN(sensorOut[1]) && sensorOut[2] == 0.5f && float.IsNaN(sensorOut[3]) && sensorOut[4] == 1f, string.Join(", ", sensorOut));
    }

    [Fact]
    public void Unknown_categories_follow_the_declared_policy()
    {
        float[] output = new float[PolicyRow.Width];
        new PolicyRow { Required = 1, Level = Level.High, Tag = "zzz" }.Normalize(output);
        Assert.Equal([0f, 1f, 0f, 0f], output[3..7]);

        NormalizationException unknown = Assert.Throws<NormalizationException>(() => new PolicyRow { Required = 1, Level = Level.Extreme, Tag = "a" }.Normalize(output));
        Assert.Equal(("policies", "Level", "Extreme"), (unknown.FeatureSet, unknown.Feature, unknown.Value));

        var golden = new SklearnF64Row { Cat = "red", Code = 5 };
        NormalizationException code = Assert.Throws<NormalizationException>(() => golden.Normalize(new float[SklearnF64Row.Width]));
        Assert.Equal(("Code", "5"), (code.Feature, code.Value));
    }

    [Fact]
    public void Batches_of_classes_refuse_a_null_row_by_index()
    {
        PolicyRow[] rows = [new PolicyRow { Required = 1, Tag = "a" }, null!];
        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => PolicyRow.NormalizeBatch(rows, new float[2 * PolicyRow.Width]));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Denormalize_inverts_normalize()
    {
        var random = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            var row = new SklearnF64Row
            {
                Z = random.NextDouble() * 10, ZConst = 3.7, ZEpoch = 1.7e9 + random.Next(1_000_000), ZTiny = 1e-3 + (random.NextDouble() * 1e-8),
                M = random.NextDouble() * 10, MClip = 10 + (random.NextDouble() * 80), MConst = -2.5, A = random.NextDouble() - 0.5,
                R = random.NextDouble() * 200, R1090 = random.NextDouble() * 4, L1Z = random.NextDouble() * 20, LZ = 1 + random.NextDouble(),
                ZC = random.NextDouble(), Cat = new[] { "blue", "green", "red", "violet" }[i % 4], Code = new[] { 3, 7, 11, 42 }[i % 4], P = random.NextDouble(),
            };
            float[] features = new float[SklearnF64Row.Width];
            row.Normalize(features);
            SklearnF64Row back = SklearnF64Row.Denormalize(features);

            Assert.Equal(row.Cat, back.Cat);
            Assert.Equal(row.Code, back.Code);
            foreach ((double want, double got, double scale) in new[]
            {
                (row.Z, back.Z, 2.0), (row.ZEpoch, back.ZEpoch, 570897), (row.ZTiny, back.ZTiny, 1e-9), (row.M, back.M, 13), (row.MClip, back.MClip, 92),
                (row.A, back.A, 7), (row.R, back.R, 37), (row.R1090, back.R1090, 6.4), (row.L1Z, back.L1Z, 21), (row.LZ, back.LZ, 2), (row.ZC, back.ZC, 3), (row.P, back.P, 1),
            })
            {
                // One float32 rounding of the normalized value: half an ulp of it, in the feature's units.
                Assert.True(Math.Abs(want - got) <= scale * 4e-7 + Math.Abs(want) * 1e-7, $"{want:R} came back as {got:R}");
            }
        }
    }

    [Fact]
    public void Embedded_manifest_and_assembly_binding_match_the_manifest_file()
    {
        Manifest file = Manifest.Load(GoldenFiles.PathOf("golden_sklearn_f64.normguard.json"));
        FeatureSetInfo info = SklearnF64Row.FeatureSet;
        Assert.Equal((file.FeatureSet, file.Version, file.Sha256), (info.Name, info.Version, info.Sha256));
        Assert.Equal(file.ToCanonicalJson(), info.ManifestJson);
        Assert.Equal(file.Sha256, info.Manifest.Sha256);
        Assert.Equal(SklearnF64Row.Width, info.Width);

        FeatureSetBindingAttribute[] bindings = typeof(SklearnF64Row).Assembly.GetCustomAttributes(typeof(FeatureSetBindingAttribute), false).Cast<FeatureSetBindingAttribute>().ToArray();
        Assert.Contains(bindings, b => b.FeatureSet == "golden_sklearn_f64" && b.Version == 1 && b.Sha256 == file.Sha256);
        Assert.Contains(bindings, b => b.FeatureSet == "sensor" && b.Version == 12);
    }

    private static float Pick(Random random, float[] specials, float typical) =>
        random.Next(10) == 0 ? specials[random.Next(specials.Length)] : typical * (float)(0.5 + random.NextDouble());
}

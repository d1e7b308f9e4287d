using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NormGuard.Tests;

/// <summary>
/// ML.NET 6.0.0, run in the test process, for the golden_mlnet feature set: fits the three normalizers on
/// Golden/golden_mlnet.train.csv, reads back their float32 offset/scale, converts them into manifest parameters, and
/// transforms held-out rows. This file is also the tool that writes Golden/golden_mlnet.normguard.json (see
/// <see cref="UpdateVariable"/>): the committed manifest is whatever <see cref="DeriveManifest"/> returns.
/// </summary>
/// <remarks>
/// ML.NET's affine normalizer maps x to (x − offset) · scale in float32 (offset absent: x · scale):
/// <list type="bullet">
/// <item>NormalizeMeanVariance(fixZero: false): offset = (float)mean, scale = 1f / (float)stddev (population std from a
/// double Welford pass that skips zeros and adds them back); M2 = 0 gives scale 0 and offset 0.</item>
/// <item>NormalizeMinMax(fixZero: false): offset = min, scale = 1f / (max − min) in float; max ≤ min gives 0 and 0.</item>
/// <item>NormalizeMinMax(fixZero: true): offset 0, scale = 1f / max(|min|, |max|); max ≤ min gives 0.</item>
/// </list>
/// Only the floats are observable, so the manifest stores parameters that give back exactly those floats under the
/// mlnet profile: zscore mean = offset and std = a float s with 1f / s == scale; minmax min = offset and max a float
/// with 1f / (max − min) == scale; maxabs a float m with 1f / m == scale; a zero scale is std 0, min = max = 0,
/// maxabs 0. Each search returns only values that satisfy the equation (checked by evaluating it), the one nearest
/// to the exact reciprocal.
/// </remarks>
internal static class MLNetGolden
{
    public const string ManifestFile = "golden_mlnet.normguard.json";

    /// <summary>The same parameters with every feature marked as a slot of an ML.NET vector column ("mlnetColumn": "vector").</summary>
    public const string VectorManifestFile = "golden_mlnet_vector.normguard.json";
    public const string TrainFile = "golden_mlnet.train.csv";
    public const string InputsFile = "golden_mlnet.inputs.csv";

    /// <summary>Set to 1 to let MLNetProfileTests rewrite the committed manifest when ML.NET's fit differs from it.</summary>
    public const string UpdateVariable = "NORMGUARD_UPDATE_GOLDEN";

    public const int Width = 12;

    public static readonly string[] Columns = ["Z1", "Z2", "Z3", "Z4", "M1", "M2", "M3", "M4", "A1", "A2", "A3", "A4"];

    private static readonly DateTimeOffset FittedAt = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The ML.NET version string written as the manifest's <c>fit.tool</c> (so a package update shows up as a diff).</summary>
    public static string MLNetVersion
    {
        get
        {
            string version = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
            int plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    /// <summary>The ML.NET transform of Golden/golden_mlnet.*: which normalizer each group of four features has.</summary>
    public enum Group
    {
        MeanVariance,
        MinMax,
        MinMaxFixZero,
    }

    public static Group GroupOf(int feature) => (Group)(feature / 4);

    /// <summary>Rows of a golden_mlnet CSV, 12 floats each, in manifest order.</summary>
    public static float[][] ReadRows(string file) =>
        GoldenFiles.ReadCsv(file).Select(v => Columns.Select(c => GoldenFiles.ParseFloat(v[c])).ToArray()).ToArray();

    public static MLNetRow ToRow(float[] v) => new()
    {
        Z1 = v[0], Z2 = v[1], Z3 = v[2], Z4 = v[3],
        M1 = v[4], M2 = v[5], M3 = v[6], M4 = v[7],
        A1 = v[8], A2 = v[9], A3 = v[10], A4 = v[11],
    };

    // ---------------------------------------------------------------------------------------------------------------
    // ML.NET: three vector columns of four slots (the usual shape: normalizers run on a Features vector)
    // ---------------------------------------------------------------------------------------------------------------

    public sealed class VectorInput
    {
        [VectorType(4)] public float[] Z { get; set; } = [];

        [VectorType(4)] public float[] M { get; set; } = [];

        [VectorType(4)] public float[] A { get; set; } = [];
    }

    public sealed class VectorOutput
    {
        [VectorType(4)] public float[] Zn { get; set; } = [];

        [VectorType(4)] public float[] Mn { get; set; } = [];

        [VectorType(4)] public float[] An { get; set; } = [];
    }

    /// <summary>A fitted ML.NET model and the float32 offset and scale of each of the 12 features.</summary>
    public sealed record Fitted(ITransformer Model, float[] Offset, float[] Scale);

    public static Fitted FitVectors(MLContext ml, IEnumerable<float[]> rows)
    {
        IDataView data = ml.Data.LoadFromEnumerable(rows.Select(ToVectorInput).ToArray());
        var pipeline = ml.Transforms.NormalizeMeanVariance("Zn", "Z", fixZero: false)
            .Append(ml.Transforms.NormalizeMinMax("Mn", "M", fixZero: false))
            .Append(ml.Transforms.NormalizeMinMax("An", "A", fixZero: true));
        TransformerChain<NormalizingTransformer> model = pipeline.Fit(data);

        var offset = new float[Width];
        var scale = new float[Width];
        int group = 0;
        foreach (ITransformer transformer in model)
        {
            var parameters = (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)((NormalizingTransformer)transformer).GetNormalizerModelParameters(0);
            if (parameters.Scale.Length != 4 || !(parameters.Offset.IsDefaultOrEmpty || parameters.Offset.Length == 4))
            {
                throw new InvalidOperationException($"group {group}: {parameters.Scale.Length} scales, {parameters.Offset.Length} offsets");
            }

            for (int slot = 0; slot < 4; slot++)
            {
                scale[(group * 4) + slot] = parameters.Scale[slot];
                offset[(group * 4) + slot] = parameters.Offset.IsDefaultOrEmpty ? 0f : parameters.Offset[slot];
            }

            group++;
        }

        if (group != 3)
        {
            throw new InvalidOperationException($"expected 3 normalizers, got {group}");
        }

        return new Fitted(model, offset, scale);
    }

    /// <summary>ML.NET's outputs for <paramref name="rows"/>, 12 floats per row in manifest order.</summary>
    public static float[][] TransformVectors(MLContext ml, ITransformer model, IEnumerable<float[]> rows)
    {
        IDataView data = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(ToVectorInput).ToArray()));
        return ml.Data.CreateEnumerable<VectorOutput>(data, reuseRowObject: false)
            .Select(o => o.Zn.Concat(o.Mn).Concat(o.An).ToArray())
            .ToArray();
    }

    private static VectorInput ToVectorInput(float[] v) => new() { Z = v[0..4], M = v[4..8], A = v[8..12] };

    // ---------------------------------------------------------------------------------------------------------------
    // ML.NET: the same normalizers on 12 scalar (R4) columns
    // ---------------------------------------------------------------------------------------------------------------

    public sealed class ScalarInput
    {
        public float Z1 { get; set; }

        public float Z2 { get; set; }

        public float Z3 { get; set; }

        public float Z4 { get; set; }

        public float M1 { get; set; }

        public float M2 { get; set; }

        public float M3 { get; set; }

        public float M4 { get; set; }

        public float A1 { get; set; }

        public float A2 { get; set; }

        public float A3 { get; set; }

        public float A4 { get; set; }
    }

    public sealed class ScalarOutput
    {
        public float Z1n { get; set; }

        public float Z2n { get; set; }

        public float Z3n { get; set; }

        public float Z4n { get; set; }

        public float M1n { get; set; }

        public float M2n { get; set; }

        public float M3n { get; set; }

        public float M4n { get; set; }

        public float A1n { get; set; }

        public float A2n { get; set; }

        public float A3n { get; set; }

        public float A4n { get; set; }
    }

    public static Fitted FitScalars(MLContext ml, IEnumerable<float[]> rows)
    {
        IDataView data = ml.Data.LoadFromEnumerable(rows.Select(ToScalarInput).ToArray());
        InputOutputColumnPair[] Pairs(int group) =>
            Columns.Skip(group * 4).Take(4).Select(c => new InputOutputColumnPair(c + "n", c)).ToArray();
        var pipeline = ml.Transforms.NormalizeMeanVariance(Pairs(0), fixZero: false)
            .Append(ml.Transforms.NormalizeMinMax(Pairs(1), fixZero: false))
            .Append(ml.Transforms.NormalizeMinMax(Pairs(2), fixZero: true));
        TransformerChain<NormalizingTransformer> model = pipeline.Fit(data);

        var offset = new float[Width];
        var scale = new float[Width];
        int group = 0;
        foreach (ITransformer transformer in model)
        {
            for (int slot = 0; slot < 4; slot++)
            {
                var parameters = (NormalizingTransformer.AffineNormalizerModelParameters<float>)((NormalizingTransformer)transformer).GetNormalizerModelParameters(slot);
                scale[(group * 4) + slot] = parameters.Scale;
                offset[(group * 4) + slot] = parameters.Offset;
            }

            group++;
        }

        return new Fitted(model, offset, scale);
    }

    public static float[][] TransformScalars(MLContext ml, ITransformer model, IEnumerable<float[]> rows)
    {
        IDataView data = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(ToScalarInput).ToArray()));
        return ml.Data.CreateEnumerable<ScalarOutput>(data, reuseRowObject: false)
            .Select(o => new[] { o.Z1n, o.Z2n, o.Z3n, o.Z4n, o.M1n, o.M2n, o.M3n, o.M4n, o.A1n, o.A2n, o.A3n, o.A4n })
            .ToArray();
    }

    private static ScalarInput ToScalarInput(float[] v) => new()
    {
        Z1 = v[0], Z2 = v[1], Z3 = v[2], Z4 = v[3],
        M1 = v[4], M2 = v[5], M3 = v[6], M4 = v[7],
        A1 = v[8], A2 = v[9], A3 = v[10], A4 = v[11],
    };

    // ---------------------------------------------------------------------------------------------------------------
    // offset/scale <-> manifest parameters
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>The manifest that reproduces ML.NET's fit on Golden/golden_mlnet.train.csv under the mlnet profile.</summary>
    public static Manifest DeriveManifest(MLContext ml, bool vectorColumns = false)
    {
        Fitted fitted = FitVectors(ml, ReadRows(TrainFile));
        var features = new FeatureManifest[Width];
        for (int i = 0; i < Width; i++)
        {
            features[i] = new FeatureManifest
            {
                Name = Columns[i],
                Steps = [ToStep(GroupOf(i), fitted.Offset[i], fitted.Scale[i])],

                // ML.NET's affine normalizers pass NaN through; NormGuard counts NaN as missing, so "propagate" reproduces them.
                Missing = MissingValuePolicy.Propagate,
                MLNetVectorColumn = vectorColumns,
            };
        }

        return new Manifest
        {
            FeatureSet = vectorColumns ? "golden_mlnet_vector" : "golden_mlnet",
            Version = 1,
            Profile = NormalizationProfile.MLNet,
            DType = ManifestDType.Float32,
            Fit = new FitProvenance
            {
                Split = DataSplit.Train,
                Rows = 1000,
                Source = TrainFile,
                SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(GoldenFiles.PathOf(TrainFile)))),
                FittedAt = FittedAt,
                Tool = $"ML.NET {MLNetVersion} (MLNetGolden.cs)",
            },
            Features = features,
        };
    }

    /// <summary>Manifest parameters whose mlnet-profile offset and scale are exactly ML.NET's.</summary>
    public static NormalizationStep ToStep(Group group, float offset, float scale)
    {
        if (!float.IsFinite(offset) || !(scale >= 0f) || float.IsInfinity(scale))
        {
            throw new ArgumentException($"unexpected ML.NET parameters offset {offset:R}, scale {scale:R}");
        }

        switch (group)
        {
            case Group.MeanVariance:
                return scale == 0f ? new ZScoreStep(0d, 0d) : new ZScoreStep(offset, Reciprocal(scale));
            case Group.MinMax:
                return scale == 0f ? new MinMaxStep(0d, 0d) : new MinMaxStep(offset, MaxFor(offset, scale));
            default:
                if (offset != 0f)
                {
                    throw new ArgumentException($"fixZero min-max with offset {offset:R}");
                }

                return new MaxAbsStep(scale == 0f ? 0d : Reciprocal(scale));
        }
    }

    /// <summary>
    /// The float32 offset and scale the mlnet profile derives from a step (SPEC §5, as ProfileArithmetic does for
    /// mlnet), written out independently here so the test can prove the committed parameters round-trip.
    /// </summary>
    public static (float Offset, float Scale) MLNetOffsetScale(NormalizationStep step)
    {
        switch (step)
        {
            case ZScoreStep z:
                float zScale = z.Std == 0d ? 0f : 1f / (float)z.Std;
                return (zScale == 0f ? 0f : (float)z.Mean, zScale);
            case MinMaxStep m:
                float range = (float)m.Max - (float)m.Min;
                float mScale = range > 0f ? (float)(m.High - m.Low) / range : 0f;
                return (mScale == 0f ? 0f : (float)m.Min, mScale);
            case MaxAbsStep a:
                return (0f, a.MaxAbs == 0d ? 0f : 1f / (float)a.MaxAbs);
            default:
                throw new ArgumentException("not an affine step: " + step.Op);
        }
    }

    /// <summary>A float r with 1f / r == <paramref name="scale"/>, the nearest to 1 / scale among those within 32 ulps.</summary>
    public static float Reciprocal(float scale) =>
        Nearest(1d / scale, candidate => 1f / candidate == scale, $"1f / r == {scale:R}");

    /// <summary>A float max with 1f / (max − min) == <paramref name="scale"/> in float32, the nearest to min + 1 / scale.</summary>
    public static float MaxFor(float min, float scale) =>
        Nearest(min + (1d / scale), candidate => candidate - min > 0f && 1f / (candidate - min) == scale, $"1f / (max - {min:R}) == {scale:R}");

    private static float Nearest(double target, Func<float, bool> satisfies, string what)
    {
        const int Reach = 32;
        float candidate = (float)target;
        for (int k = 0; k < Reach; k++)
        {
            candidate = MathF.BitDecrement(candidate);
        }

        float best = float.NaN;
        double bestDistance = double.PositiveInfinity;
        for (int k = -Reach; k <= Reach; k++, candidate = MathF.BitIncrement(candidate))
        {
            double distance = Math.Abs(candidate - target);
            if (satisfies(candidate) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return float.IsNaN(best) ? throw new InvalidOperationException("no float32 within 32 ulps satisfies " + what) : best;
    }

    /// <summary>Golden/golden_mlnet.normguard.json in the source tree (next to this file), for <see cref="UpdateVariable"/>.</summary>
    public static string SourceManifestPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", ManifestFile);

    public static string SourceVectorManifestPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", VectorManifestFile);
}

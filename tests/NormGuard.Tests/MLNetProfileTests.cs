using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// Profile <c>mlnet</c> against ML.NET 6.0.0 run inside the test (MLNetGolden.cs): ML.NET fits
/// NormalizeMeanVariance / NormalizeMinMax / NormalizeMinMax(fixZero) on Golden/golden_mlnet.train.csv and transforms
/// the 2,000 held-out rows of Golden/golden_mlnet.inputs.csv (out of range, ±0, NaN, ±inf, subnormals, float max);
/// <see cref="MLNetRow"/> (12 float32 fields, so NormalizeBatch runs the SIMD stream kernel) must write the same floats.
/// </summary>
/// <remarks>
/// ML.NET itself writes two different results for the same arithmetic. A scalar (R4) column is
/// <c>(x − offset) · scale</c> as is. A vector column goes through <c>BufferBuilder&lt;float&gt;</c> with
/// <c>R4Adder</c>, which drops exact zeros, so every zero it writes is +0, also where the product is −0 (a −0 input
/// with offset 0, a negative input times a zero scale, an underflowing negative product). NormGuard's mlnet profile
/// is the scalar arithmetic, −0 included. The vector comparison therefore counts the cells where ML.NET writes +0
/// and NormGuard −0 separately, reports them, and requires every other cell to be bit-identical.
/// </remarks>
public sealed class MLNetProfileTests(ITestOutputHelper output)
{
    private const int NegativeZeroBits = unchecked((int)0x80000000);

    private static readonly Lazy<Golden> Data = new(Golden.Load);

    [Fact]
    public void Committed_manifest_is_what_ML_NET_fits_today()
    {
        Manifest derived = MLNetGolden.DeriveManifest(new MLContext(seed: 1));
        Manifest committed = Manifest.Load(GoldenFiles.PathOf(MLNetGolden.ManifestFile));
        Golden data = Data.Value;

        if (derived.ToCanonicalJson() != committed.ToCanonicalJson() && Environment.GetEnvironmentVariable(MLNetGolden.UpdateVariable) == "1")
        {
            derived.Save(MLNetGolden.SourceManifestPath());
            Assert.Fail($"rewrote {MLNetGolden.SourceManifestPath()} from ML.NET {MLNetGolden.MLNetVersion}'s fit: rebuild and run the tests again");
        }

        // the parameters: each committed step gives back ML.NET's float offset and scale exactly (the "proof")
        for (int i = 0; i < MLNetGolden.Width; i++)
        {
            NormalizationStep step = Assert.Single(committed.Features[i].Steps);
            (float offset, float scale) = MLNetGolden.MLNetOffsetScale(step);
            output.WriteLine($"{MLNetGolden.Columns[i]}: ML.NET offset {data.Vector.Offset[i]:R} scale {data.Vector.Scale[i]:R} <- manifest {step}");
            Assert.Equal(BitConverter.SingleToInt32Bits(data.Vector.Offset[i]), BitConverter.SingleToInt32Bits(offset));
            Assert.Equal(BitConverter.SingleToInt32Bits(data.Vector.Scale[i]), BitConverter.SingleToInt32Bits(scale));
        }

        // the whole file (provenance included), its hash, and the hash the generator bound
        Assert.Equal(derived.ToCanonicalJson(), committed.ToCanonicalJson());
        Assert.Equal(derived.Sha256, committed.Sha256);
        Assert.Contains($"\"sha256\": \"{committed.Sha256}\"", System.IO.File.ReadAllText(GoldenFiles.PathOf(MLNetGolden.ManifestFile)), StringComparison.Ordinal);
        Assert.Equal(committed.Sha256, MLNetRow.FeatureSet.Sha256);
        Assert.Equal(NormalizationProfile.MLNet, MLNetRow.FeatureSet.Profile);
        Assert.Equal(MLNetGolden.Columns, MLNetRow.FeatureSet.OutputColumns);
    }

    [Fact]
    public void Scalar_and_vector_ML_NET_columns_fit_the_same_parameters()
    {
        Golden data = Data.Value;
        for (int i = 0; i < MLNetGolden.Width; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(data.Vector.Offset[i]), BitConverter.SingleToInt32Bits(data.Scalar.Offset[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(data.Vector.Scale[i]), BitConverter.SingleToInt32Bits(data.Scalar.Scale[i]));
        }

        // the ML.NET conventions the data is built to exercise: constant columns get scale 0 in every group
        Assert.Equal(0f, data.Vector.Scale[2]);
        Assert.Equal(0f, data.Vector.Scale[6]);
        Assert.Equal(0f, data.Vector.Scale[10]);
        Assert.All(data.Vector.Offset.Skip(8), o => Assert.Equal(0f, o));
    }

    [Fact]
    public void Normalize_and_NormalizeBatch_match_ML_NET_scalar_columns_bit_for_bit()
    {
        Golden data = Data.Value;
        Report report = Compare(data, data.ScalarOutputs, "ML.NET scalar (R4) columns");
        Assert.Equal(0, report.Other.Sum());
        Assert.Equal(0, report.SignOfZero.Sum());
        Assert.True(report.NegativeZeros > 0, "the reference has no -0: the inputs lost their -0 cases");
    }

    [Fact]
    public void Normalize_and_NormalizeBatch_match_ML_NET_vector_columns_except_the_sign_of_zero()
    {
        Golden data = Data.Value;
        Report report = Compare(data, data.VectorOutputs, "ML.NET vector columns");

        // ML.NET's vector path never writes -0 ...
        Assert.Equal(0, report.NegativeZeros);

        // ... and every cell where it differs from NormGuard is one where NormGuard writes -0 and ML.NET +0, which is
        // exactly where ML.NET's own scalar path writes -0
        Assert.Equal(0, report.Other.Sum());
        int scalarNegativeZeros = data.ScalarOutputs.Sum(r => r.Count(v => BitConverter.SingleToInt32Bits(v) == NegativeZeroBits));
        Assert.Equal(scalarNegativeZeros, report.SignOfZero.Sum());
    }

    [Fact]
    public void Committed_vector_manifest_is_what_ML_NET_fits_today_marked_as_vector_columns()
    {
        Manifest derived = MLNetGolden.DeriveManifest(new MLContext(seed: 1), vectorColumns: true);
        Manifest committed = Manifest.Load(GoldenFiles.PathOf(MLNetGolden.VectorManifestFile));
        if (derived.ToCanonicalJson() != committed.ToCanonicalJson() && Environment.GetEnvironmentVariable(MLNetGolden.UpdateVariable) == "1")
        {
            derived.Save(MLNetGolden.SourceVectorManifestPath());
            Assert.Fail($"rewrote {MLNetGolden.SourceVectorManifestPath()} from ML.NET {MLNetGolden.MLNetVersion}'s fit: rebuild and run the tests again");
        }

        Assert.Equal(derived.ToCanonicalJson(), committed.ToCanonicalJson());
        Assert.All(committed.Features, f => Assert.True(f.MLNetVectorColumn));
        Assert.Contains("\"mlnetColumn\": \"vector\"", System.IO.File.ReadAllText(GoldenFiles.PathOf(MLNetGolden.VectorManifestFile)), StringComparison.Ordinal);
        Assert.Equal(committed.Sha256, MLNetVectorRow.FeatureSet.Sha256);

        // the same parameters as the scalar manifest: only the marker differs
        Manifest scalar = Manifest.Load(GoldenFiles.PathOf(MLNetGolden.ManifestFile));
        Assert.Equal(scalar.Features.Select(f => f.Steps[0].ToString()), committed.Features.Select(f => f.Steps[0].ToString()));
    }

    /// <summary>
    /// ML.NET's vector path (AffineNormalizer ImplVec: (x − offset)·scale per slot into a BufferBuilder whose R4Adder drops
    /// exact zeros) writes +0 for every zero: NormGuard's features marked "mlnetColumn": "vector" must write exactly its
    /// floats, −0 inputs, negatives in zero-scale slots, NaN, ±∞ and subnormals included.
    /// </summary>
    [Fact]
    public void Vector_marked_features_match_ML_NET_vector_columns_bit_for_bit()
    {
        Golden data = Data.Value;
        MLNetVectorRow[] rows = data.Inputs.Select(ToVectorRow).ToArray();
        float[] batch = new float[rows.Length * MLNetVectorRow.Width];
        MLNetVectorRow.NormalizeBatch(rows, batch);
        var single = new float[MLNetVectorRow.Width];
        int cells = 0, mismatched = 0, scalarNegativeZeros = 0, zeroScaleNegatives = 0, specials = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].Normalize(single);
            for (int c = 0; c < MLNetVectorRow.Width; c++)
            {
                float want = data.VectorOutputs[r][c];
                float x = data.Inputs[r][c];
                cells++;
                scalarNegativeZeros += BitConverter.SingleToInt32Bits(data.ScalarOutputs[r][c]) == NegativeZeroBits ? 1 : 0;
                zeroScaleNegatives += data.Vector.Scale[c] == 0f && x < 0f && float.IsFinite(x) ? 1 : 0;
                specials += float.IsNaN(x) || float.IsInfinity(x) || float.IsSubnormal(x) || BitConverter.SingleToInt32Bits(x) == NegativeZeroBits ? 1 : 0;
                foreach ((string path, float got) in new[] { ("Normalize", single[c]), ("NormalizeBatch", batch[(r * MLNetVectorRow.Width) + c]) })
                {
                    if (!GoldenFiles.SameFloat(want, got) && ++mismatched <= 10)
                    {
                        output.WriteLine($"{path}: row {r} {MLNetGolden.Columns[c]} input {Bits(x)}: ML.NET vector {Bits(want)}, NormGuard {Bits(got)}");
                    }
                }
            }
        }

        output.WriteLine($"golden_mlnet_vector vs ML.NET {MLNetGolden.MLNetVersion} vector columns: {cells} cells (x2 paths), {mismatched} mismatched; "
            + $"cells where ML.NET's scalar path writes -0: {scalarNegativeZeros}; negative inputs in zero-scale slots: {zeroScaleNegatives}; NaN/inf/subnormal/-0 inputs: {specials}");
        Assert.True(scalarNegativeZeros > 0 && zeroScaleNegatives > 0 && specials > 0, "the inputs lost the cases where the two paths differ");
        Assert.Equal(0, mismatched);
    }

    private static MLNetVectorRow ToVectorRow(float[] v) => new()
    {
        Z1 = v[0], Z2 = v[1], Z3 = v[2], Z4 = v[3],
        M1 = v[4], M2 = v[5], M3 = v[6], M4 = v[7],
        A1 = v[8], A2 = v[9], A3 = v[10], A4 = v[11],
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Short_batches_hit_the_kernel_tails_and_still_match_ML_NET(int length)
    {
        Golden data = Data.Value;
        IEnumerable<int> starts = Enumerable.Range(0, 64).Concat(Enumerable.Range(0, 97).Select(k => (k * 20) + (k % 7)));
        int windows = 0, cells = 0, mismatched = 0;
        foreach (int start in starts.Where(s => s + length <= data.Rows.Length).Distinct())
        {
            float[] destination = new float[(length * MLNetRow.Width) + 3];
            destination.AsSpan().Fill(float.MaxValue);
            MLNetRow.NormalizeBatch(data.Rows.AsSpan(start, length), destination);
            Assert.All(destination.Skip(length * MLNetRow.Width), v => Assert.Equal(float.MaxValue, v));
            for (int i = 0; i < length * MLNetRow.Width; i++)
            {
                int row = start + (i / MLNetRow.Width);
                int column = i % MLNetRow.Width;
                float want = data.ScalarOutputs[row][column];
                cells++;
                if (!GoldenFiles.SameFloat(want, destination[i]) && ++mismatched <= 5)
                {
                    output.WriteLine($"{length}-row batch at row {start}: row {row} {MLNetGolden.Columns[column]} input {data.Inputs[row][column]:R}: ML.NET {Bits(want)}, NormGuard {Bits(destination[i])}");
                }
            }

            windows++;
        }

        output.WriteLine($"{length}-row batches: {windows} windows, {cells} cells, {mismatched} mismatched against ML.NET (scalar columns)");
        Assert.True(windows >= 100);
        Assert.Equal(0, mismatched);
    }

    [Fact]
    public void Fitter_with_profile_MLNet_gives_ML_NETs_offset_and_scale()
    {
        Golden data = Data.Value;
        FeatureSetFitter<MLNetRow> fitter = MLNetRow.CreateFitter();
        Assert.Equal(NormalizationProfile.MLNet, fitter.Profile);
        fitter.Add(MLNetGolden.ReadRows(MLNetGolden.TrainFile).Select(MLNetGolden.ToRow).ToArray());
        Manifest fitted = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
        Assert.Equal(NormalizationProfile.MLNet, fitted.Profile);

        var differences = new List<string>();
        for (int i = 0; i < MLNetGolden.Width; i++)
        {
            NormalizationStep step = Assert.Single(fitted.Features[i].Steps);
            (float offset, float scale) = MLNetGolden.MLNetOffsetScale(step);
            string line = $"{MLNetGolden.Columns[i]}: fitter {step} -> offset {Bits(offset)} scale {Bits(scale)}; "
                + $"ML.NET offset {Bits(data.Vector.Offset[i])} scale {Bits(data.Vector.Scale[i])}";
            bool same = BitConverter.SingleToInt32Bits(offset) == BitConverter.SingleToInt32Bits(data.Vector.Offset[i])
                && BitConverter.SingleToInt32Bits(scale) == BitConverter.SingleToInt32Bits(data.Vector.Scale[i]);
            if (!same)
            {
                line += $"  <-- differs: offset {Ulps(offset, data.Vector.Offset[i])} ulp, scale {Ulps(scale, data.Vector.Scale[i])} ulp";
                differences.Add(MLNetGolden.Columns[i]);
            }

            output.WriteLine(line);
        }

        output.WriteLine($"{differences.Count} of {MLNetGolden.Width} features differ from ML.NET: {string.Join(", ", differences)}");
        Assert.Empty(differences);
    }

    private Report Compare(Golden data, float[][] expected, string reference)
    {
        float[] batch = new float[data.Rows.Length * MLNetRow.Width];
        MLNetRow.NormalizeBatch(data.Rows, batch);
        float[] generic = Normalizer.NormalizeBatch<MLNetRow>(data.Rows);
        var single = new float[MLNetRow.Width];
        var report = new Report();
        var shown = new Dictionary<string, int>();
        for (int r = 0; r < data.Rows.Length; r++)
        {
            data.Rows[r].Normalize(single);
            for (int c = 0; c < MLNetRow.Width; c++)
            {
                float got = batch[(r * MLNetRow.Width) + c];
                Assert.True(GoldenFiles.SameFloat(got, single[c]), $"row {r} {MLNetGolden.Columns[c]}: Normalize {Bits(single[c])} != NormalizeBatch {Bits(got)}");
                Assert.True(GoldenFiles.SameFloat(got, generic[(r * MLNetRow.Width) + c]), $"row {r} {MLNetGolden.Columns[c]}: Normalizer.NormalizeBatch differs");

                float want = expected[r][c];
                report.Cells++;
                report.NaNs += float.IsNaN(want) ? 1 : 0;
                report.NegativeZeros += BitConverter.SingleToInt32Bits(want) == NegativeZeroBits ? 1 : 0;
                if (GoldenFiles.SameFloat(want, got))
                {
                    continue;
                }

                bool zeroSign = want == 0f && got == 0f;
                string kind = zeroSign ? "sign of zero" : "value";
                (zeroSign ? report.SignOfZero : report.Other)[c]++;
                shown[kind + c] = shown.GetValueOrDefault(kind + c) + 1;
                if (shown[kind + c] <= 2)
                {
                    output.WriteLine($"  {kind}: row {r} {MLNetGolden.Columns[c]} input {Bits(data.Inputs[r][c])}: ML.NET {Bits(want)}, NormGuard {Bits(got)}");
                }
            }
        }

        output.WriteLine($"golden_mlnet vs {reference} (ML.NET {MLNetGolden.MLNetVersion}): {data.Rows.Length} rows, {report.Cells} cells; reference has {report.NaNs} NaN, {report.NegativeZeros} -0");
        output.WriteLine($"  value mismatches:        {Describe(report.Other)}");
        output.WriteLine($"  sign-of-zero mismatches: {Describe(report.SignOfZero)}");
        return report;
    }

    private static string Describe(int[] counts) =>
        counts.Sum() + " (" + string.Join(", ", counts.Select((n, c) => (n, c)).Where(p => p.n > 0).Select(p => $"{MLNetGolden.Columns[p.c]} {p.n}")) + ")";

    private static string Bits(float value) => $"{value:R} (0x{BitConverter.SingleToInt32Bits(value):x8})";

    private static long Ulps(float a, float b)
    {
        static long Ordered(float f)
        {
            int bits = BitConverter.SingleToInt32Bits(f);
            return bits < 0 ? int.MinValue - (long)bits : bits;
        }

        return Ordered(a) - Ordered(b);
    }

    private sealed class Report
    {
        public int Cells;
        public int NaNs;
        public int NegativeZeros;
        public readonly int[] SignOfZero = new int[MLNetGolden.Width];
        public readonly int[] Other = new int[MLNetGolden.Width];
    }

    /// <summary>ML.NET fitted once per test run (vector and scalar shapes) and its outputs for every held-out row.</summary>
    private sealed class Golden
    {
        public required float[][] Inputs { get; init; }

        public required MLNetRow[] Rows { get; init; }

        public required MLNetGolden.Fitted Vector { get; init; }

        public required MLNetGolden.Fitted Scalar { get; init; }

        public required float[][] VectorOutputs { get; init; }

        public required float[][] ScalarOutputs { get; init; }

        public static Golden Load()
        {
            var ml = new MLContext(seed: 1);
            float[][] train = MLNetGolden.ReadRows(MLNetGolden.TrainFile);
            float[][] inputs = MLNetGolden.ReadRows(MLNetGolden.InputsFile);
            Assert.Equal(1000, train.Length);
            Assert.Equal(2000, inputs.Length);
            MLNetGolden.Fitted vector = MLNetGolden.FitVectors(ml, train);
            MLNetGolden.Fitted scalar = MLNetGolden.FitScalars(ml, train);
            return new Golden
            {
                Inputs = inputs,
                Rows = inputs.Select(MLNetGolden.ToRow).ToArray(),
                Vector = vector,
                Scalar = scalar,
                VectorOutputs = MLNetGolden.TransformVectors(ml, vector.Model, inputs),
                ScalarOutputs = MLNetGolden.TransformScalars(ml, scalar.Model, inputs),
            };
        }
    }
}

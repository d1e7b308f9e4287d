using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NormGuard.Fitting;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The fitter on vector features, against scikit-learn's <c>StandardScaler</c> fitted on the same float32 embeddings
/// (Golden/Embeddings/make_embedding_scaler_golden.py).
/// </summary>
/// <remarks>
/// Decided before running: with every row kept, mean_ and scale_ are bit-identical (the script checks that scikit-learn
/// sums each column in float64 row after row, and the fitter does the same), and so is the stats mean vector; a fit in
/// partitions merged in order gives the very same manifest. The norm baseline is compared within 1e-12 relative: the
/// fitter sums squares in index order, numpy pairwise, which may move the last bit. Past the exact limit (streaming
/// moments) mean and scale are within 1e-12 relative.
/// </remarks>
public sealed class VectorFitterTests
{
    private const int Rows = 1000, Dimension = 48;
    private static readonly float[] Embeddings = ReadNpy(GoldenFiles.PathOf("Embeddings/embeddings.npy"));
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(GoldenFiles.PathOf("Embeddings/embedding_scaler.json"))).RootElement;

    private static double[] GoldenArray(string name) => Golden.GetProperty(name).EnumerateArray().Select(e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    private static ManifestFitter Fitter(FitStep[] steps, long exactValueLimit = ManifestFitter.DefaultExactValueLimit, NormalizationProfile profile = NormalizationProfile.ScikitLearn) =>
        new("docs", profile, ManifestDType.Float32, [FitterFeature.Vector("Embedding", "docs-mini", "m/mini", "abc", Dimension, steps)], exactValueLimit);

    private static ManifestFitter Fed(ManifestFitter fitter, int from = 0, int to = Rows)
    {
        for (int i = from; i < to; i++)
        {
            fitter.Vector(0, Embeddings.AsSpan(i * Dimension, Dimension));
            fitter.EndRow();
        }

        return fitter;
    }

    private static readonly FitProvenance Provenance = new() { Split = DataSplit.Train, Tool = "test" };

    [Fact]
    public void A_zscore_fit_gives_scikit_learns_mean_and_scale_bit_for_bit()
    {
        Manifest manifest = Fed(Fitter([FitStep.ZScore()])).ToManifest(Provenance, 1);

        FeatureManifest feature = Assert.Single(manifest.Features);
        var step = Assert.IsType<VectorZScoreStep>(Assert.Single(feature.Steps));
        AssertBits(GoldenArray("mean"), step.Mean);
        AssertBits(GoldenArray("scale"), step.Std);
        Assert.Equal(1d, step.Std[7]);
        AssertBits(GoldenArray("mean"), feature.Stats!.MeanVector);
        Assert.Equal(Rows, feature.Stats.Count);
        Assert.Equal(new EmbeddingSpaceDeclaration("docs-mini", "m/mini", Dimension, Dimension) { Revision = "abc" }, feature.Space);

        // and the manifest is one the reader accepts, with the same content
        Manifest reread = Manifest.Parse(manifest.ToJson());
        Assert.Equal(feature.Steps, reread.Features[0].Steps);
        Assert.Equal(manifest.Sha256, reread.Sha256);
    }

    [Fact]
    public void The_norm_baseline_matches_numpy()
    {
        FeatureStats norm = Fed(Fitter([FitStep.L2()])).ToManifest(Provenance, 1).Features[0].Stats!.Norm!;
        JsonElement golden = Golden.GetProperty("norm");
        static double Number(JsonElement e) => double.Parse(e.GetString()!, CultureInfo.InvariantCulture);

        Assert.Equal(Rows, norm.Count);
        AssertClose(Number(golden.GetProperty("min")), norm.Min!.Value);
        AssertClose(Number(golden.GetProperty("max")), norm.Max!.Value);
        AssertClose(Number(golden.GetProperty("mean")), norm.Mean!.Value);
        AssertClose(Number(golden.GetProperty("std")), norm.Std!.Value);
        double[] quantiles = golden.GetProperty("quantiles").EnumerateArray().Select(Number).ToArray();
        Assert.Equal(101, norm.Quantiles.Count);
        for (int p = 0; p <= 100; p++)
        {
            AssertClose(quantiles[p], norm.Quantiles[p]);
        }
    }

    [Fact]
    public void Partitions_merged_in_order_give_the_single_pass_manifest()
    {
        Manifest single = Fed(Fitter([FitStep.ZScore(), FitStep.L2()])).ToManifest(Provenance, 1);
        ManifestFitter first = Fed(Fitter([FitStep.ZScore(), FitStep.L2()]), 0, 300);
        first.Merge(Fed(Fitter([FitStep.ZScore(), FitStep.L2()]), 300, 701));
        first.Merge(Fed(Fitter([FitStep.ZScore(), FitStep.L2()]), 701, Rows));

        Assert.True(first.IsExact);
        Assert.Equal(single.ToCanonicalJson(), first.ToManifest(Provenance, 1).ToCanonicalJson());
    }

    [Fact]
    public void Past_the_exact_limit_the_streaming_fit_stays_within_1e_12_and_merges()
    {
        // 100 scalar values → 1,600 floats: 33 rows are kept, the rest streams
        ManifestFitter whole = Fed(Fitter([FitStep.ZScore()], exactValueLimit: 100));
        ManifestFitter parts = Fed(Fitter([FitStep.ZScore()], exactValueLimit: 100), 0, 20);
        parts.Merge(Fed(Fitter([FitStep.ZScore()], exactValueLimit: 100), 20, 500));
        parts.Merge(Fed(Fitter([FitStep.ZScore()], exactValueLimit: 100), 500, Rows));

        foreach (ManifestFitter fitter in new[] { whole, parts })
        {
            Assert.False(fitter.IsExact);
            var step = (VectorZScoreStep)fitter.ToManifest(Provenance, 1).Features[0].Steps[0];
            double[] mean = GoldenArray("mean"), scale = GoldenArray("scale");
            for (int j = 0; j < Dimension; j++)
            {
                AssertClose(mean[j], step.Mean[j]);
                AssertClose(scale[j], step.Std[j]);
            }
        }
    }

    [Fact]
    public void Center_after_truncation_fits_the_kept_dimensions()
    {
        Manifest manifest = Fed(Fitter([FitStep.Truncate(16), FitStep.Center(), FitStep.L2(1e-12)])).ToManifest(Provenance, 1);

        FeatureManifest feature = manifest.Features[0];
        Assert.Equal(16, feature.Space!.Dimension);
        Assert.Equal(new TruncateStep(16), feature.Steps[0]);
        AssertBits(GoldenArray("mean")[..16], Assert.IsType<CenterStep>(feature.Steps[1]).Mean);
        Assert.Equal(new L2NormalizeStep(1e-12), feature.Steps[2]);
        AssertBits(GoldenArray("mean"), feature.Stats!.MeanVector);
        Assert.Equal("truncate(16), center, l2(epsilon=1e-12)", manifest.GetEmbeddingSpace("Embedding").Normalization);
    }

    [Fact]
    public void A_pca_step_is_not_fitted_here_and_says_where_to_fit_it()
    {
        ManifestFitter fitter = Fed(Fitter([FitStep.Pca(8, whiten: true), FitStep.L2()]));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => fitter.ToManifest(Provenance, 1));
        Assert.Contains("Feature 'Embedding': a pca step is not fitted by NormGuard", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fit PCA in scikit-learn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_or_with_a_non_finite_value_is_refused_by_name()
    {
        ManifestFitter fitter = Fitter([FitStep.Center()]);
        ArgumentException length = Assert.Throws<ArgumentException>(() => fitter.Vector(0, new float[47]));
        Assert.Contains("Feature 'Embedding' (space 'docs-mini'): expected 48 values, found 47", length.Message, StringComparison.Ordinal);

        float[] vector = new float[Dimension];
        vector[3] = float.NaN;
        ArgumentException nan = Assert.Throws<ArgumentException>(() => fitter.Vector(0, vector));
        Assert.Contains("element 3 is NaN", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_the_fit_cannot_honour_are_refused_when_declared()
    {
        Assert.Contains("pca to 64 dimensions, but the vector has 48", Assert.Throws<ArgumentException>(() => Fitter([FitStep.Pca(64)])).Message, StringComparison.Ordinal);
        Assert.Contains("truncate to 0 dimensions", Assert.Throws<ArgumentException>(() => Fitter([FitStep.Truncate(0)])).Message, StringComparison.Ordinal);
        Assert.Contains("MinMax is a scalar step", Assert.Throws<ArgumentException>(() => Fitter([FitStep.MinMax(0, 1, false)])).Message, StringComparison.Ordinal);
        Assert.Contains("more than one fitted step", Assert.Throws<ArgumentException>(() => Fitter([FitStep.Center(), FitStep.ZScore()])).Message, StringComparison.Ordinal);
        Assert.Contains("after l2 is not fitted by NormGuard", Assert.Throws<NotSupportedException>(() => Fitter([FitStep.L2(), FitStep.Center()])).Message, StringComparison.Ordinal);
        Assert.Contains("profiles sklearn or normguard, not onnx", Assert.Throws<NotSupportedException>(() => Fitter([FitStep.Center()], profile: NormalizationProfile.Onnx)).Message, StringComparison.Ordinal);
    }

    private sealed record Document(string Title, float[]? Embedding);

    // What the generator emits for a record with a nullable vector member: AddVector, or AddMissing for null.
    private sealed class DocumentFitter() : FeatureSetFitter<Document>(
        "docs",
        NormalizationProfile.NormGuard,
        ManifestDType.Float32,
        [FitterFeature.Vector("Embedding", "docs-mini", "m/mini", null, Dimension, [FitStep.Center(), FitStep.L2()], nullable: true)])
    {
        protected override void AddRow(in Document row)
        {
            if (row.Embedding is null)
            {
                AddMissing(0);
            }
            else
            {
                AddVector(0, row.Embedding);
            }
        }
    }

    [Fact]
    public void A_generated_style_fitter_adds_vectors_and_counts_missing_ones()
    {
        var fitter = new DocumentFitter();
        for (int i = 0; i < Rows; i++)
        {
            fitter.Add(new Document("d" + i, Embeddings.AsSpan(i * Dimension, Dimension).ToArray()));
        }

        fitter.Add(new Document("empty", null));
        FeatureManifest feature = fitter.ToManifest(Provenance, 2).Features[0];

        Assert.Equal(MissingValuePolicy.Propagate, feature.Missing);
        Assert.Equal((1000L, 1L), (feature.Stats!.Count, feature.Stats.Missing));
        AssertBits(GoldenArray("mean"), Assert.IsType<CenterStep>(feature.Steps[0]).Mean);
        Assert.Null(feature.Space!.Revision);
    }

    private static void AssertBits(double[] expected, System.Collections.Generic.IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(actual[j]), $"dimension {j}: expected {expected[j]:R}, found {actual[j]:R}");
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, found {actual:R}");

    // numpy's .npy format 1.0: magic, version, header length (little-endian uint16), a Python dict, then the data.
    private static float[] ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains("'shape': (1000, 48)", header, StringComparison.Ordinal);
        float[] values = new float[Rows * Dimension];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        return values;
    }
}

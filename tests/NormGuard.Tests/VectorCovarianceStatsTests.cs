using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NormGuard.Fitting;
using NormGuard.Tests.EmbeddingMonitoring;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The two covariance norms of a vector feature's <c>stats</c> (<c>covarianceFrobenius</c> = √tr(Σ²),
/// <c>covarianceSchatten4</c> = (tr Σ⁴)^¼ of the raw vectors' population covariance): fitted, written, read, refused.
/// The references are numpy's (Golden/Embeddings/make_embedding_scaler_golden.py: <c>np.cov(bias=True)</c> and
/// <c>eigvalsh</c>, an independent route).
/// </summary>
/// <remarks>
/// Decided before running. Against numpy within 1e-12 relative: both sides build Σ in float64 from the same float32
/// values; each entry is a sum of n products whose rounding error is at most about n·2⁻⁵³ ≈ 1.1e-13 (n = 1,000) of the
/// sum of the absolute products, and numpy's eigenvalue route adds d·2⁻⁵³ (about 5e-15 at d = 48 or 384); the figures
/// feed a critical value that needs three digits, so 1e-12 is a bound with room that still catches any real error (a
/// missing 1/n, ddof 1 instead of 0, a wrong centring: all far above 1e-3). With every row kept, partitions merged in
/// order give the single fit bit for bit (the rows are appended); past the exact limit (Welford updates, Chan merges)
/// the norms stay within 1e-12 too. Schatten-4 ≤ Frobenius always; the two are nearly equal for the golden vectors
/// (one direction dominates: the dimension around 1e4 has variance 1 and the rest about 1e-2) and far apart for
/// MiniLM's spread spectrum.
/// </remarks>
public sealed class VectorCovarianceStatsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rows = 1000, Dimension = 48;
    private static readonly float[] Embeddings = NpyReader.ReadFloat32Rows(GoldenFiles.PathOf("Embeddings/embeddings.npy")).SelectMany(r => r).ToArray();
    private static readonly FitProvenance Provenance = new() { Split = DataSplit.Train, Tool = "test" };

    private static (double Frobenius, double Schatten4) Numpy(string file)
    {
        JsonElement covariance = JsonDocument.Parse(File.ReadAllText(GoldenFiles.PathOf("Embeddings/" + file))).RootElement.GetProperty("covariance");
        return (Parse(covariance, "frobenius"), Parse(covariance, "schatten4"));
        static double Parse(JsonElement e, string name) => double.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
    }

    private static ManifestFitter Fitter(long exactValueLimit = ManifestFitter.DefaultExactValueLimit) =>
        new("docs", NormalizationProfile.ScikitLearn, ManifestDType.Float32, [FitterFeature.Vector("Embedding", "docs-mini", "m/mini", null, Dimension, [FitStep.ZScore()])], exactValueLimit);

    private static ManifestFitter Fed(ManifestFitter fitter, int from = 0, int to = Rows)
    {
        for (int i = from; i < to; i++)
        {
            fitter.Vector(0, Embeddings.AsSpan(i * Dimension, Dimension));
            fitter.EndRow();
        }

        return fitter;
    }

    [Fact]
    public void The_fitted_norms_match_numpys_eigenvalue_route_within_1e_12()
    {
        FeatureStats stats = Fed(Fitter()).ToManifest(Provenance, 1).Features[0].Stats!;
        (double frobenius, double schatten4) = Numpy("embedding_scaler.json");

        AssertClose(frobenius, stats.CovarianceFrobeniusNorm);
        AssertClose(schatten4, stats.CovarianceSchatten4Norm);
        Assert.True(stats.CovarianceSchatten4Norm <= stats.CovarianceFrobeniusNorm);
    }

    [Fact]
    public void The_real_MiniLM_baseline_gets_numpys_norms_within_1e_12()
    {
        float[][] baseline = NpyReader.ReadFloat32Rows(Path.Combine(AppContext.BaseDirectory, "Data", "embeddings", "baseline.npy"));
        var fitter = new ManifestFitter("docs", NormalizationProfile.NormGuard, ManifestDType.Float32, [FitterFeature.Vector("Embedding", "docs-minilm", "m", null, 384, [FitStep.L2()])]);
        foreach (float[] vector in baseline)
        {
            fitter.Vector(0, vector);
            fitter.EndRow();
        }

        FeatureStats stats = fitter.ToManifest(Provenance, 1).Features[0].Stats!;
        (double frobenius, double schatten4) = Numpy("minilm_covariance.json");

        AssertClose(frobenius, stats.CovarianceFrobeniusNorm);
        AssertClose(schatten4, stats.CovarianceSchatten4Norm);

        // and EmbeddingBaseline.Fit, which takes the smaller of the covariance and the Gram matrix, agrees
        EmbeddingBaseline fitted = EmbeddingBaseline.Fit(baseline);
        AssertClose(fitted.CovarianceFrobeniusNorm!.Value, stats.CovarianceFrobeniusNorm);
        AssertClose(fitted.CovarianceSchatten4Norm!.Value, stats.CovarianceSchatten4Norm);
    }

    [Fact]
    public void Partitions_merged_in_order_give_the_single_fits_bits_and_streaming_stays_within_1e_12()
    {
        FeatureStats single = Fed(Fitter()).ToManifest(Provenance, 1).Features[0].Stats!;
        ManifestFitter merged = Fed(Fitter(), 0, 300);
        merged.Merge(Fed(Fitter(), 300, 700));
        merged.Merge(Fed(Fitter(), 700));
        FeatureStats parts = merged.ToManifest(Provenance, 1).Features[0].Stats!;

        Assert.Equal(BitConverter.DoubleToInt64Bits(single.CovarianceFrobeniusNorm!.Value), BitConverter.DoubleToInt64Bits(parts.CovarianceFrobeniusNorm!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(single.CovarianceSchatten4Norm!.Value), BitConverter.DoubleToInt64Bits(parts.CovarianceSchatten4Norm!.Value));

        // An exact limit of 1,000 values is 16,000 floats of vector rows: the rows become co-moments after 333 vectors,
        // so each partition below streams, and their merge is Chan's.
        (double frobenius, double schatten4) = Numpy("embedding_scaler.json");
        ManifestFitter streamed = Fed(Fitter(exactValueLimit: 1000), 0, 500);
        streamed.Merge(Fed(Fitter(exactValueLimit: 1000), 500));
        Assert.False(streamed.IsExact);
        FeatureStats stream = streamed.ToManifest(Provenance, 1).Features[0].Stats!;
        AssertClose(frobenius, stream.CovarianceFrobeniusNorm);
        AssertClose(schatten4, stream.CovarianceSchatten4Norm);
    }

    [Fact]
    public void The_norms_round_trip_through_the_manifest_and_its_hash_covers_them_but_not_the_spaces()
    {
        Manifest manifest = Fed(Fitter()).ToManifest(Provenance, 1);
        string json = manifest.ToJson();
        Manifest reread = Manifest.Parse(json);
        FeatureStats before = manifest.Features[0].Stats!, after = reread.Features[0].Stats!;

        Assert.Equal(BitConverter.DoubleToInt64Bits(before.CovarianceFrobeniusNorm!.Value), BitConverter.DoubleToInt64Bits(after.CovarianceFrobeniusNorm!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(before.CovarianceSchatten4Norm!.Value), BitConverter.DoubleToInt64Bits(after.CovarianceSchatten4Norm!.Value));
        Assert.Equal(manifest.Sha256, reread.Sha256);
        Assert.Contains("\"covarianceFrobenius\"", json, StringComparison.Ordinal);

        // Like every other stat: in the manifest's sha256, not in the space's identity.
        Manifest changed = WithStats(manifest, after.CovarianceFrobeniusNorm * 2, after.CovarianceSchatten4Norm);
        Assert.NotEqual(manifest.Sha256, changed.Sha256);
        Assert.Equal(manifest.GetEmbeddingSpace("Embedding").Sha256, changed.GetEmbeddingSpace("Embedding").Sha256);
        Manifest without = WithStats(manifest, null, null);
        Assert.DoesNotContain("covariance", without.ToJson(), StringComparison.Ordinal);
        Assert.Null(Manifest.Parse(without.ToJson()).Features[0].Stats!.CovarianceFrobeniusNorm);
    }

    [Fact]
    public void Writing_an_inconsistent_pair_is_refused()
    {
        Manifest manifest = Fed(Fitter(), 0, 10).ToManifest(Provenance, 1);

        Assert.Contains("pair", Assert.Throws<InvalidOperationException>(() => WithStats(manifest, 1, null).ToJson()).Message, StringComparison.Ordinal);
        Assert.Contains("Schatten-4 ≤ Frobenius", Assert.Throws<InvalidOperationException>(() => WithStats(manifest, 1, 2).ToJson()).Message, StringComparison.Ordinal);
        Assert.Contains("non-finite", Assert.Throws<InvalidOperationException>(() => WithStats(manifest, double.PositiveInfinity, 1).ToJson()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embedding_baseline_refuses_a_Schatten_4_norm_above_the_Frobenius_norm()
    {
        EmbeddingBaseline fitted = EmbeddingBaseline.Fit(Enumerable.Range(0, 20).Select(i => Embeddings.AsSpan(i * Dimension, Dimension).ToArray()));

        var error = Assert.Throws<ArgumentException>(() => new EmbeddingBaseline(fitted.Norm, fitted.MeanVector, 1, 1.5));
        Assert.Contains("Schatten-4 at most Frobenius", error.Message, StringComparison.Ordinal);
        Assert.Equal(1d, new EmbeddingBaseline(fitted.Norm, fitted.MeanVector, 1, 1).CovarianceSchatten4Norm);
    }

    public static TheoryData<string, string> BadPairs => new()
    {
        { "\"covarianceFrobenius\": @@1.5", "needs \"covarianceSchatten4\" too" },
        { "\"covarianceSchatten4\": @@1.5", "needs \"covarianceFrobenius\" too" },
        { "\"covarianceFrobenius\": @@-1, \"covarianceSchatten4\": 0.5", "\"covarianceFrobenius\" must be a finite number ≥ 0, found -1" },
        { "\"covarianceFrobenius\": 1, \"covarianceSchatten4\": @@NaN", "\"covarianceSchatten4\" must be a finite number ≥ 0, found NaN" },
        { "\"covarianceFrobenius\": @@Infinity, \"covarianceSchatten4\": 1", "\"covarianceFrobenius\" must be a finite number ≥ 0" },
        { "\"covarianceFrobenius\": 1, \"covarianceSchatten4\": @@1.25", "\"covarianceSchatten4\" (1.25) is above \"covarianceFrobenius\" (1)" },
        { "\"covarianceFrobenius\": @@\"1\", \"covarianceSchatten4\": 1", "\"covarianceFrobenius\" must be a number" },
    };

    [Theory]
    [MemberData(nameof(BadPairs))]
    public void The_reader_refuses_an_inconsistent_pair_at_its_line_and_column(string fields, string message)
    {
        string marked = "{\"format\": \"normguard.manifest/1\", \"featureSet\": \"d\", \"version\": 1, \"profile\": \"normguard\", \"dtype\": \"float32\",\n"
            + " \"features\": [{\"name\": \"E\", \"space\": {\"name\": \"s\", \"model\": \"m\", \"nativeDimension\": 2, \"dimension\": 2}, \"steps\": [],\n"
            + "   \"stats\": {\"count\": 3, \"missing\": 0, \"meanVector\": [0.5, 1],\n    " + fields + "}}]}\n";
        int at = marked.IndexOf("@@", StringComparison.Ordinal);
        string text = marked.Replace("@@", string.Empty, StringComparison.Ordinal);
        int line = text[..at].Count(c => c == '\n') + 1;
        int column = at - (text.LastIndexOf('\n', at - 1) + 1) + 1;

        ManifestException error = Assert.Throws<ManifestException>(() => Manifest.Parse(text, "docs.normguard.json"));

        Assert.Contains(error.Problems, p => p.Line == line && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_consistent_pair_and_an_old_manifest_without_it_are_read()
    {
        const string Head = "{\"format\": \"normguard.manifest/1\", \"featureSet\": \"d\", \"version\": 1, \"profile\": \"normguard\", \"dtype\": \"float32\", \"features\": [{\"name\": \"E\", \"space\": {\"name\": \"s\", \"model\": \"m\", \"nativeDimension\": 2, \"dimension\": 2}, \"steps\": [], \"stats\": {\"count\": 3, \"missing\": 0";

        FeatureStats pair = Manifest.Parse(Head + ", \"covarianceFrobenius\": 0.5, \"covarianceSchatten4\": 0.5}}]}").Features[0].Stats!;
        FeatureStats old = Manifest.Parse(Head + "}}]}").Features[0].Stats!;

        Assert.Equal((0.5, 0.5), (pair.CovarianceFrobeniusNorm, pair.CovarianceSchatten4Norm));
        Assert.Equal((null, null), (old.CovarianceFrobeniusNorm, old.CovarianceSchatten4Norm));
    }

    private static Manifest WithStats(Manifest manifest, double? frobenius, double? schatten4)
    {
        FeatureManifest feature = manifest.Features[0];
        FeatureStats stats = feature.Stats!;
        var edited = new FeatureStats
        {
            Count = stats.Count,
            Missing = stats.Missing,
            Norm = stats.Norm,
            MeanVector = stats.MeanVector,
            CovarianceFrobeniusNorm = frobenius,
            CovarianceSchatten4Norm = schatten4,
        };
        return new Manifest
        {
            FeatureSet = manifest.FeatureSet,
            Version = manifest.Version,
            Profile = manifest.Profile,
            DType = manifest.DType,
            Fit = manifest.Fit,
            Features = [new FeatureManifest { Name = feature.Name, Space = feature.Space, Steps = feature.Steps, Missing = feature.Missing, Stats = edited }],
        };
    }

    private void AssertClose(double expected, double? actual)
    {
        output.WriteLine($"expected {expected:R}, found {actual:R}, relative {(actual - expected) / expected:E2}");
        Assert.True(actual is double a && Math.Abs(expected - a) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, found {actual:R} (relative {(actual - expected) / expected:E2})");
    }
}

using System;
using System.IO;
using System.Linq;
using NormGuard.Fitting;
using NormGuard.Monitoring;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>
/// The production path end to end: the generated fitter of <see cref="DriftDoc"/> (<c>DriftDoc.CreateFitter()</c>)
/// fitted on the 500 real all-MiniLM-L6-v2 baseline embeddings, its manifest written and read back, and a
/// <see cref="DriftMonitor"/> built from that manifest alone.
/// <para>Expected before running (docs/drift.md's calibration table, made with <see cref="EmbeddingBaseline.Fit"/>): the
/// manifest carries the two covariance norms, so the monitor uses the Laurent–Massart bound with critical value about
/// 0.0447 at 250 live vectors — the same as a baseline fitted on the vectors directly, to 1e-9 relative (the two fits
/// reach the norms by different sums: covariance here, the Gram or covariance matrix there) — and judges the 30 %
/// games window (cosine distance 0.0587) drifted and 250 unseen descriptions drawn like the baseline (0.0191) stable.
/// The same manifest without the two norms, what every manifest gave before, judges the 30 % window stable (trace-only
/// critical value about 0.31): that is the miss this fixes.</para>
/// </summary>
public sealed class FittedManifestDriftTests(ITestOutputHelper output)
{
    private static readonly Lazy<float[][]> Baseline = new(() => Read("baseline"));
    private static readonly Lazy<float[][]> Unchanged = new(() => Read("unchanged"));
    private static readonly Lazy<float[][]> Shifted = new(() => Read("shifted"));
    private static readonly Lazy<Manifest> Fitted = new(FitManifest);

    private static Manifest FitManifest()
    {
        FeatureSetFitter<DriftDoc> fitter = DriftDoc.CreateFitter();
        var random = new Random(24);
        foreach (float[] vector in Baseline.Value)
        {
            fitter.Add(new DriftDoc { Clicks = random.Next(0, 100), Embedding = vector, Age = random.Next(18, 90) });
        }

        // Saved and loaded, as a service gets it.
        return Manifest.Parse(fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Tool = "test" }, 1).ToJson());
    }

    private static float[][] GamesMix(int percent)
    {
        int games = 250 * percent / 100;
        return Unchanged.Value.Take(250 - games).Concat(Shifted.Value.Take(games)).ToArray();
    }

    [Fact]
    public void A_monitor_built_from_a_fitted_manifest_catches_the_30_percent_games_window_with_the_tight_bound()
    {
        FeatureStats stats = Fitted.Value.Features.Single(f => f.IsVector).Stats!;
        Assert.NotNull(stats.CovarianceFrobeniusNorm);
        Assert.NotNull(stats.CovarianceSchatten4Norm);

        EmbeddingDrift mixed = Monitor(Fitted.Value, GamesMix(30));
        EmbeddingDrift unchanged = Monitor(Fitted.Value, Unchanged.Value);
        EmbeddingDrift direct = Window(EmbeddingBaseline.Fit(Baseline.Value), GamesMix(30));
        output.WriteLine($"manifest: 30 % games {mixed}; unchanged {unchanged}; fitted directly: {direct}");

        Assert.Equal(EmbeddingMeanTest.LaurentMassart, mixed.MeanCosineBound);
        Assert.Equal(DriftStatus.Drifted, mixed.Status);
        Assert.Contains(mixed.Reasons, r => r.StartsWith("mean vector: cosine distance", StringComparison.Ordinal));
        Assert.Equal(DriftStatus.Stable, unchanged.Status);
        Assert.InRange(mixed.MeanCosineCritical!.Value, 0.040, 0.050);
        Assert.True(Math.Abs(mixed.MeanCosineCritical.Value - direct.MeanCosineCritical!.Value) <= 1e-9 * direct.MeanCosineCritical.Value, $"{mixed.MeanCosineCritical:R} vs {direct.MeanCosineCritical:R}");
        Assert.Equal(direct.MeanCosineDistance, mixed.MeanCosineDistance);
    }

    /// <summary>
    /// A manifest written by Python (Golden/Embeddings/make_embedding_scaler_golden.py): stats from numpy, the covariance
    /// norms by <c>eigvalsh</c>, sealed with the sha256 goldenlib computes over the whole document. Expected: it loads
    /// (C#'s hash of the new fields equals Python's), and the monitor judges as with NormGuard's own fit — 30 % games
    /// drifted, unchanged stable, the critical value within 1e-9 of the fitted manifest's (the norms agree to 1e-12).
    /// </summary>
    [Fact]
    public void A_manifest_whose_stats_numpy_computed_loads_with_pythons_hash_and_gives_the_same_verdicts()
    {
        Manifest numpy = Manifest.Load(GoldenFiles.PathOf("Embeddings/minilm_numpy.manifest.json"));

        EmbeddingDrift mixed = Monitor(numpy, GamesMix(30), native: true);
        EmbeddingDrift unchanged = Monitor(numpy, Unchanged.Value, native: true);
        EmbeddingDrift ours = Monitor(Fitted.Value, GamesMix(30));

        Assert.Equal(EmbeddingMeanTest.LaurentMassart, mixed.MeanCosineBound);
        Assert.Equal(DriftStatus.Drifted, mixed.Status);
        Assert.Equal(DriftStatus.Stable, unchanged.Status);
        Assert.True(Math.Abs(mixed.MeanCosineCritical!.Value - ours.MeanCosineCritical!.Value) <= 1e-9 * ours.MeanCosineCritical.Value, $"{mixed.MeanCosineCritical:R} vs {ours.MeanCosineCritical:R}");
    }

    [Fact]
    public void Without_the_two_norms_the_same_manifest_misses_the_30_percent_window()
    {
        Manifest old = Strip(Fitted.Value);

        EmbeddingDrift mixed = Monitor(old, GamesMix(30));

        Assert.Equal(EmbeddingMeanTest.SzekelyBakirov, mixed.MeanCosineBound);
        Assert.Equal(DriftStatus.Stable, mixed.Status);
        Assert.True(mixed.MeanCosineCritical > 0.25, mixed.ToString());
    }

    [Fact]
    public void The_generated_fitter_and_the_manifest_fitter_give_the_same_manifest_bits()
    {
        // DriftDoc's generated fitter calls the runtime's ManifestFitter (AddVector); `normguard fit` feeds the same
        // ManifestFitter from a file (NormGuard.Tool.Tests checks that against this fitter): same rows, same bits.
        FeatureSetFitter<DriftDoc> generated = DriftDoc.CreateFitter();
        var direct = new ManifestFitter(DriftDoc.FeatureSet.Manifest.FeatureSet, DriftDoc.FeatureSet.Manifest.Profile, DriftDoc.FeatureSet.Manifest.DType, generated.Features);
        var random = new Random(5);
        foreach (float[] vector in Baseline.Value)
        {
            var doc = new DriftDoc { Clicks = random.Next(0, 100), Embedding = vector, Age = random.Next(18, 90) };
            generated.Add(doc);
            direct.Value(0, doc.Clicks);
            direct.Vector(1, vector);
            direct.Value(2, doc.Age);
            direct.EndRow();
        }

        var provenance = new FitProvenance { Split = DataSplit.Train, Tool = "test", FittedAt = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero) };
        Assert.Equal(direct.ToManifest(provenance, 1).ToJson(), generated.ToManifest(provenance, 1).ToJson());
    }

    private static Manifest Strip(Manifest manifest) => new()
    {
        FeatureSet = manifest.FeatureSet,
        Version = manifest.Version,
        Profile = manifest.Profile,
        DType = manifest.DType,
        Features = manifest.Features.Select(f => f.IsVector ? new FeatureManifest
        {
            Name = f.Name,
            Space = f.Space,
            Steps = f.Steps,
            Missing = f.Missing,
            Stats = new FeatureStats { Count = f.Stats!.Count, Missing = f.Stats.Missing, Norm = f.Stats.Norm, MeanVector = f.Stats.MeanVector },
        } : f).ToArray(),
    };

    // native: the manifest holds only the vector feature, so a row of inputs is the vector itself.
    private static EmbeddingDrift Monitor(Manifest manifest, float[][] vectors, bool native = false)
    {
        using var monitor = new DriftMonitor(manifest);
        double[] inputs = new double[monitor.InputCount];
        foreach (float[] vector in vectors)
        {
            if (native)
            {
                Array.Copy(vector.Select(v => (double)v).ToArray(), inputs, vector.Length);
            }
            else
            {
                new DriftDoc { Clicks = 50, Embedding = vector, Age = 50 }.ReadInputs(inputs);
            }

            monitor.Add(inputs);
        }

        return monitor.Snapshot().Embeddings.Single();
    }

    private static EmbeddingDrift Window(EmbeddingBaseline baseline, float[][] vectors)
    {
        var window = new EmbeddingDriftWindow("Embedding", baseline);
        foreach (float[] vector in vectors)
        {
            window.Add(vector);
        }

        return window.Snapshot();
    }

    private static float[][] Read(string name) => NpyReader.ReadFloat32Rows(Path.Combine(AppContext.BaseDirectory, "Data", "embeddings", name + ".npy"));
}

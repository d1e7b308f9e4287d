using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using Xunit;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>A search document: a scalar, a raw all-MiniLM-L6-v2 sentence embedding, and a scalar whose input sits
/// behind the vector's 384 (Manifests/Vectors/drift_docs.normguard.json, written by make_drift_docs_manifest.py from
/// the SemanticSearch sample's baseline.npy with numpy, so the embedding's stats are not NormGuard's).</summary>
[FeatureSet("drift_docs")]
public sealed partial record DriftDoc
{
    [ZScore] public float Clicks { get; init; }

    [Embedding("docs-minilm", 384, Model = "sentence-transformers/all-MiniLM-L6-v2"), L2Normalize] public float[]? Embedding { get; init; }

    [MinMax] public float Age { get; init; }
}

/// <summary>
/// <see cref="DriftMonitor{T}"/> on a generated record with an [Embedding] member, fed the committed real MiniLM
/// embeddings (samples/SemanticSearch/data/embeddings): 250 "unchanged" descriptions drawn like the baseline's 500, and
/// 250 "shifted" ones from the games section. Clicks and Age are drawn from the uniform distributions their baselines
/// hold (seeded).
/// <para>Expected before running (from the standalone calibration, EmbeddingDriftRealDataTests, whose trace-only bound
/// is what a manifest's stats give): unchanged — the report stable, the embedding judged stable by the Székely–Bakirov
/// bound, both scalars stable; shifted — the report drifted by the embedding's mean vector alone, both scalars still
/// stable; Age shifted by +50 with unchanged embeddings — Age drifted, the embedding stable (so each input reaches its
/// own feature). In every case the monitor's embedding figures equal those of an <see cref="EmbeddingDriftWindow"/> fed
/// the same vectors directly, bit for bit.</para>
/// </summary>
/// <remarks>The tests of this class run one after another (one xunit collection), and only they monitor
/// drift_docs, so the meter test sees only its own monitor.</remarks>
public sealed class DriftMonitorEmbeddingTests
{
    private static readonly Lazy<float[][]> Unchanged = new(() => Read("unchanged"));
    private static readonly Lazy<float[][]> Shifted = new(() => Read("shifted"));

    [Fact]
    public void The_record_has_one_input_per_scalar_and_384_for_the_embedding()
    {
        using var monitor = new DriftMonitor<DriftDoc>();

        Assert.Equal(386, DriftDoc.InputCount);
        Assert.Equal(386, monitor.InputCount);
        Assert.Equal(["Clicks", "Age"], monitor.Snapshot().Features.Select(f => f.Name));
        Assert.Equal(["Embedding"], monitor.Snapshot().Embeddings.Select(e => e.Name));
    }

    [Fact]
    public void Unchanged_documents_raise_no_alarm()
    {
        using var monitor = new DriftMonitor<DriftDoc>();
        foreach (DriftDoc doc in Docs(Unchanged.Value, seed: 1))
        {
            monitor.Add(doc);
        }

        DriftReport report = monitor.Snapshot();
        EmbeddingDrift embedding = report.Embeddings.Single();

        Assert.Equal(DriftVerdict.Stable, report.Verdict);
        Assert.Equal(DriftStatus.Stable, embedding.Status);
        Assert.True(embedding.MeanJudged);
        Assert.Equal(Monitoring.EmbeddingMeanTest.SzekelyBakirov, embedding.MeanCosineBound);
        Assert.True(embedding.MeanCosineDistance < embedding.MeanCosineCritical, embedding.ToString());
        Assert.Equal((250, 250), (embedding.Vectors, embedding.Rows));
        Assert.All(report.Features, f => Assert.Equal(DriftStatus.Stable, f.Status));
        Assert.Equal(250, report.Rows);
        AssertSameAsAWindow(embedding, Unchanged.Value);
    }

    [Fact]
    public void Games_documents_are_caught_by_the_embedding_and_only_by_it()
    {
        using var monitor = new DriftMonitor<DriftDoc>();
        monitor.Add(Docs(Shifted.Value, seed: 2));

        DriftReport report = monitor.Snapshot();
        EmbeddingDrift embedding = report.Embeddings.Single();

        Assert.Equal(DriftVerdict.Drifted, report.Verdict);
        Assert.True(report.AnyDrifted);
        Assert.Equal(DriftStatus.Drifted, embedding.Status);
        Assert.Contains(embedding.Reasons, r => r.StartsWith("mean vector: cosine distance", StringComparison.Ordinal));
        Assert.All(report.Features, f => Assert.Equal(DriftStatus.Stable, f.Status));
        AssertSameAsAWindow(embedding, Shifted.Value);
    }

    [Fact]
    public void A_shifted_scalar_behind_the_vector_is_caught_as_that_scalar()
    {
        using var monitor = new DriftMonitor<DriftDoc>();
        monitor.Add(Docs(Unchanged.Value, seed: 3).Select(d => d with { Age = d.Age + 50 }).ToArray());

        DriftReport report = monitor.Snapshot();

        Assert.Equal(DriftVerdict.Drifted, report.Verdict);
        Assert.Equal(DriftStatus.Drifted, report["Age"].Status);
        Assert.Equal(DriftStatus.Stable, report["Clicks"].Status);
        Assert.Equal(DriftStatus.Stable, report.Embeddings.Single().Status);
        // Uniform on [50, 150]: mean 100, and the mean of 250 draws within 4 of its standard errors (1.83).
        Assert.Equal(100d, report["Age"].LiveMean!.Value, 7.5);
    }

    [Fact]
    public void Missing_vectors_count_into_the_norm_missing_rate_and_reset_forgets_the_vectors()
    {
        // 250 rows, 50 of them without a vector (and 10 of those with a NaN inside instead, which cannot be a present
        // vector either): a missing rate of 0.2 against the baseline's 0, drifted by the norm's missing-rate test.
        using var monitor = new DriftMonitor<DriftDoc>();
        DriftDoc[] docs = Docs(Unchanged.Value, seed: 4);
        for (int i = 0; i < docs.Length; i++)
        {
            float[]? vector = i % 5 != 0 ? docs[i].Embedding : i % 25 == 0 ? WithNaN(docs[i].Embedding!) : null;
            monitor.Add(docs[i] with { Embedding = vector });
        }

        EmbeddingDrift embedding = monitor.Snapshot().Embeddings.Single();
        Assert.Equal((250, 200), (embedding.Rows, embedding.Vectors));
        Assert.Equal(0.2, embedding.Norm.LiveMissingRate, 12);
        Assert.Equal(DriftStatus.Drifted, embedding.Status);
        Assert.Contains(embedding.Reasons, r => r.StartsWith("norm: missing", StringComparison.Ordinal));

        monitor.Reset();
        DriftReport reset = monitor.Snapshot();
        Assert.Equal((0, 0), (reset.Embeddings.Single().Rows, reset.Embeddings.Single().Vectors));
        Assert.Null(reset.Embeddings.Single().MeanCosineDistance);
        Assert.Equal(DriftVerdict.NoVerdict, reset.Verdict);

        monitor.Add(Docs(Unchanged.Value, seed: 5));
        Assert.Equal(DriftVerdict.Stable, monitor.Snapshot().Verdict);
    }

    [Fact]
    public void Without_enough_vectors_the_embedding_keeps_the_report_incomplete()
    {
        // 30 rows: below the mean-vector test's 50 vectors and the scalar tests' minimums: nothing may read as stable.
        using var monitor = new DriftMonitor<DriftDoc>();
        monitor.Add(Docs(Unchanged.Value, seed: 6).Take(30).ToArray());

        DriftReport report = monitor.Snapshot();
        Assert.Equal(DriftStatus.TooFewRows, report.Embeddings.Single().Status);
        Assert.False(report.Embeddings.Single().HasVerdict);
        Assert.NotEqual(DriftVerdict.Stable, report.Verdict);
    }

    [Fact]
    public void Raw_inputs_in_manifest_order_route_as_the_record_does()
    {
        // The non-generic monitor takes ReadInputs' layout: Clicks, the 384 values, Age.
        DriftDoc[] docs = Docs(Shifted.Value, seed: 7);
        using var records = new DriftMonitor<DriftDoc>();
        using var raw = new DriftMonitor(DriftDoc.FeatureSet.Manifest);
        double[] inputs = new double[DriftDoc.InputCount];
        foreach (DriftDoc doc in docs)
        {
            records.Add(doc);
            doc.ReadInputs(inputs);
            raw.Add(inputs);
        }

        Assert.Throws<ArgumentException>(() => raw.Add(new double[385]));
        DriftReport a = records.Snapshot(), b = raw.Snapshot();
        Assert.Equal(a.Embeddings.Single().MeanCosineDistance, b.Embeddings.Single().MeanCosineDistance);
        Assert.Equal(a.Embeddings.Single().Norm.Psi, b.Embeddings.Single().Norm.Psi);
        Assert.Equal(a["Age"].LiveMean, b["Age"].LiveMean);
        Assert.Equal(a.Verdict, b.Verdict);
    }

    [Fact]
    public void A_vector_feature_without_stats_has_no_verdict()
    {
        Manifest fitted = DriftDoc.FeatureSet.Manifest;
        var bare = new Manifest
        {
            FeatureSet = "drift_docs_bare",
            Version = 1,
            Features = fitted.Features.Select(f => f.IsVector ? new FeatureManifest { Name = f.Name, Space = f.Space, Steps = f.Steps } : f).ToArray(),
        };
        using var monitor = new DriftMonitor(bare);
        double[] inputs = new double[386];
        foreach (DriftDoc doc in Docs(Unchanged.Value, seed: 8))
        {
            doc.ReadInputs(inputs);
            monitor.Add(inputs);
        }

        DriftReport report = monitor.Snapshot();
        Assert.Equal(DriftStatus.NoBaseline, report.Embeddings.Single().Status);
        Assert.Contains("no stats.norm", report.Embeddings.Single().Notes.Single(), StringComparison.Ordinal);
        Assert.Equal(DriftVerdict.Incomplete, report.Verdict);
    }

    [Fact]
    public void The_meter_publishes_the_embedding_figures_tagged_with_the_feature()
    {
        var seen = new List<(string Instrument, string Feature, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "NormGuard")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            Dictionary<string, object?> t = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (t.GetValueOrDefault("feature_set") is "drift_docs")
            {
                seen.Add((instrument.Name, (string)t["feature"]!, value));
            }
        });
        listener.Start();

        using var monitor = new DriftMonitor<DriftDoc>();
        monitor.Add(Docs(Shifted.Value, seed: 9));
        listener.RecordObservableInstruments();
        EmbeddingDrift embedding = monitor.Snapshot().Embeddings.Single();
        double Value(string instrument, string feature) => seen.Single(s => s.Instrument == instrument && s.Feature == feature).Value;

        Assert.Equal(embedding.Norm.Psi, Value("normguard.drift.embedding.norm_psi", "Embedding"));
        Assert.Equal(embedding.Norm.Ks!.Value, Value("normguard.drift.embedding.norm_ks", "Embedding"));
        Assert.Equal(embedding.MeanCosineDistance!.Value, Value("normguard.drift.embedding.mean_cosine_distance", "Embedding"));
        Assert.Equal(embedding.MeanCosineCritical!.Value, Value("normguard.drift.embedding.mean_cosine_critical", "Embedding"));
        Assert.Equal(1d, Value("normguard.drift.drifted", "Embedding"));
        Assert.Equal(1d, Value("normguard.drift.judged", "Embedding"));
        Assert.Equal(0d, Value("normguard.drift.drifted", "Age"));

        // The scalar instruments stay the scalar features': the embedding is not one of them.
        Assert.DoesNotContain(seen, s => s.Feature == "Embedding" && s.Instrument is "normguard.drift.psi" or "normguard.drift.ks");
        Assert.DoesNotContain(seen, s => s.Feature is "Clicks" or "Age" && s.Instrument.StartsWith("normguard.drift.embedding.", StringComparison.Ordinal));
    }

    [Fact]
    public void Below_the_mean_vector_minimum_the_meter_publishes_only_the_norm_figure_that_judges()
    {
        var seen = new List<(string Instrument, string Feature, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "NormGuard")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            Dictionary<string, object?> t = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (t.GetValueOrDefault("feature_set") is "drift_docs")
            {
                seen.Add((instrument.Name, (string)t["feature"]!, value));
            }
        });
        listener.Start();

        using var monitor = new DriftMonitor<DriftDoc>();
        monitor.Add(Docs(Shifted.Value, seed: 10).Take(20).ToArray());
        listener.RecordObservableInstruments();

        // 20 vectors: the norm's KS judges (MinTestRows 20) and is published; the mean vector waits for 50, so neither
        // its figures nor a verdict are (a 0 on "drifted" would read as stable).
        Assert.Equal(0d, seen.Single(s => s.Instrument == "normguard.drift.judged" && s.Feature == "Embedding").Value);
        Assert.Single(seen, s => s.Instrument == "normguard.drift.embedding.norm_ks" && s.Feature == "Embedding");
        Assert.DoesNotContain(seen, s => s.Feature == "Embedding" && s.Instrument is "normguard.drift.drifted"
            or "normguard.drift.embedding.norm_psi" or "normguard.drift.embedding.mean_cosine_distance" or "normguard.drift.embedding.mean_cosine_critical");
    }

    /// <summary>The monitor's embedding figures against a window fed the same vectors, with the manifest's stats.</summary>
    [Fact]
    public void A_sliding_window_forgets_the_games_documents_once_they_leave_it()
    {
        // Expected: the last 250 rows in 5 buckets of 50. Unchanged → stable; then 250 games documents → the window
        // holds only them, drifted by the embedding's mean vector, figures equal to a window fed those vectors; then the
        // unchanged documents again → the games documents have left, stable, figures equal to the unchanged window's.
        using var monitor = new DriftMonitor<DriftDoc>(new DriftMonitorOptions { Window = DriftWindow.Sliding(250, 5) });
        monitor.Add(Docs(Unchanged.Value, seed: 6));
        Assert.Equal(DriftVerdict.Stable, monitor.Snapshot().Verdict);

        monitor.Add(Docs(Shifted.Value, seed: 7));
        DriftReport shifted = monitor.Snapshot();
        Assert.Equal(DriftVerdict.Drifted, shifted.Verdict);
        Assert.Equal((250, 250L), (shifted.Embeddings.Single().Vectors, shifted.Rows));
        AssertSameAsAWindow(shifted.Embeddings.Single(), Shifted.Value);

        monitor.Add(Docs(Unchanged.Value, seed: 8));
        DriftReport after = monitor.Snapshot();
        Assert.Equal(DriftVerdict.Stable, after.Verdict);
        Assert.Equal(250, after.Embeddings.Single().Vectors);
        AssertSameAsAWindow(after.Embeddings.Single(), Unchanged.Value);
    }

    private static void AssertSameAsAWindow(EmbeddingDrift fromMonitor, float[][] vectors)
    {
        FeatureStats stats = DriftDoc.FeatureSet.Manifest.Features.Single(f => f.IsVector).Stats!;
        var window = new EmbeddingDriftWindow("Embedding", new EmbeddingBaseline(stats.Norm!, stats.MeanVector));
        foreach (float[] vector in vectors)
        {
            window.Add(vector);
        }

        EmbeddingDrift direct = window.Snapshot();
        Assert.Equal(direct.MeanCosineDistance, fromMonitor.MeanCosineDistance);
        Assert.Equal(direct.MeanCosineCritical, fromMonitor.MeanCosineCritical);
        Assert.Equal(direct.Norm.Psi, fromMonitor.Norm.Psi);
        Assert.Equal(direct.Norm.Ks, fromMonitor.Norm.Ks);
        Assert.Equal(direct.Status, fromMonitor.Status);
    }

    private static DriftDoc[] Docs(float[][] vectors, int seed)
    {
        var random = new Random(seed);
        return vectors.Select(v => new DriftDoc
        {
            Clicks = (float)(random.NextDouble() * 10),
            Embedding = v,
            Age = (float)(random.NextDouble() * 100),
        }).ToArray();
    }

    private static float[] WithNaN(float[] vector)
    {
        float[] copy = (float[])vector.Clone();
        copy[17] = float.NaN;
        return copy;
    }

    private static float[][] Read(string name) => NpyReader.ReadFloat32Rows(Path.Combine(AppContext.BaseDirectory, "Data", "embeddings", name + ".npy"));
}

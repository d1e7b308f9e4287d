using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NormGuard.Tests.Serialization;

/// <summary>
/// <see cref="DriftReport"/> through System.Text.Json, with the default options (<c>JsonSerializer.Serialize(report)</c>,
/// what an ASP.NET endpoint does) and with the shipped <see cref="NormGuardJsonContext"/>, in every state a service meets.
/// <para>Expected before running: every state serializes (on main the empty window threw "… cannot be written as valid
/// JSON", the issue's HTTP 500); a NaN figure is <c>null</c> in the JSON and every finite figure the same number; the
/// context writes the same text as the default options; read back (with either), a <c>null</c> is NaN in a
/// <see cref="double"/> and null in a <see cref="Nullable{Double}"/>, and every other figure equals the report's.
/// Run against main's report types (without the converter attributes), every test failed but the drifted-feature one:
/// a full window has no NaN figure, which is why the endpoint worked once traffic had arrived.</para>
/// </summary>
public sealed class DriftReportJsonTests
{
    [Fact]
    public void An_empty_window_serializes_with_undefined_figures_as_null()
    {
        using var monitor = new DriftMonitor<DiamondRow>();
        DriftReport report = monitor.Snapshot();

        JsonElement json = AssertSerializesFaithfully(report);

        Assert.Equal(0, json.GetProperty("Rows").GetInt64());
        Assert.Equal((int)DriftVerdict.NoVerdict, json.GetProperty("Verdict").GetInt32());
        Assert.All(json.GetProperty("Features").EnumerateArray(), f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("Psi").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("Ks").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("LiveMean").ValueKind);
            Assert.Equal((int)DriftStatus.TooFewRows, f.GetProperty("Status").GetInt32());
        });
    }

    [Fact]
    public void A_window_after_Reset_serializes_like_an_empty_one()
    {
        using var monitor = new DriftMonitor<DiamondRow>();
        monitor.Add(HeldOut().AsSpan(0, 500));
        Assert.All(monitor.Snapshot().Features, f => Assert.False(double.IsNaN(f.Psi)));
        monitor.Reset();
        DriftReport report = monitor.Snapshot();

        JsonElement json = AssertSerializesFaithfully(report);

        Assert.Equal(0, json.GetProperty("Rows").GetInt64());
        Assert.All(json.GetProperty("Features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("Psi").ValueKind));
    }

    [Fact]
    public void Features_without_a_baseline_serialize_with_null_figures_after_rows_arrive()
    {
        var manifest = new Manifest
        {
            FeatureSet = "json_no_baseline",
            Version = 2,
            Features =
            [
                new FeatureManifest { Name = "x", Steps = [new ZScoreStep(10, 2)] },
                new FeatureManifest { Name = "k", Steps = [new OneHotStep(["a", "b"])] },
            ],
        };
        using var monitor = new DriftMonitor(manifest);
        for (int i = 0; i < 300; i++)
        {
            monitor.Add([10 + (i % 7), i % 2]);
        }

        DriftReport report = monitor.Snapshot();
        Assert.All(report.Features, f => Assert.Equal(DriftStatus.NoBaseline, f.Status));

        JsonElement json = AssertSerializesFaithfully(report);

        JsonElement x = json.GetProperty("Features")[0];
        Assert.Equal(JsonValueKind.Null, x.GetProperty("Psi").ValueKind);
        Assert.Equal(JsonValueKind.Null, x.GetProperty("BaselineMean").ValueKind);
        Assert.Equal(300, x.GetProperty("Rows").GetInt64());
        Assert.Equal((int)DriftVerdict.NoVerdict, json.GetProperty("Verdict").GetInt32());
    }

    [Fact]
    public void A_drifted_feature_serializes_with_its_figures_and_reasons()
    {
        // Depth moved by half its training std (1.43), as .ci/run does with the CLI: depth drifts.
        DiamondRow[] rows = HeldOut().Take(2000).Select(d => d with { Depth = d.Depth + 0.715 }).ToArray();
        using var monitor = new DriftMonitor<DiamondRow>();
        monitor.Add(rows);
        DriftReport report = monitor.Snapshot();
        Assert.True(report["depth"].Drifted);

        JsonElement json = AssertSerializesFaithfully(report);

        JsonElement depth = json.GetProperty("Features").EnumerateArray().Single(f => f.GetProperty("Name").GetString() == "depth");
        Assert.Equal((int)DriftStatus.Drifted, depth.GetProperty("Status").GetInt32());
        Assert.True(depth.GetProperty("Drifted").GetBoolean());
        Assert.NotEmpty(depth.GetProperty("Reasons").EnumerateArray());
        Assert.Contains("depth", json.GetProperty("Drifted").EnumerateArray().Select(f => f.GetProperty("Name").GetString()));
        Assert.Equal((int)DriftVerdict.Drifted, json.GetProperty("Verdict").GetInt32());
    }

    [Fact]
    public void A_report_with_embeddings_serializes_empty_and_filled()
    {
        var random = new Random(17);
        float[] Vector(double shift) => Enumerable.Range(0, 8).Select(d => (float)(1 + shift + Normal(random))).ToArray();
        EmbeddingBaseline baseline = EmbeddingBaseline.Fit(Enumerable.Range(0, 400).Select(_ => Vector(0)).ToArray());
        var window = new EmbeddingDriftWindow("Embedding", baseline);
        DriftReport Report() => new()
        {
            FeatureSet = "json_embeddings",
            Version = 1,
            Rows = window.Snapshot().Rows,
            Thresholds = DriftThresholds.Default with { Embeddings = EmbeddingDriftThresholds.Default },
            Features = [],
            Embeddings = [window.Snapshot()],
        };

        DriftReport empty = Report();
        Assert.Null(empty.Embeddings[0].MeanCosineDistance);
        JsonElement emptyJson = AssertSerializesFaithfully(empty);
        Assert.Equal(JsonValueKind.Null, emptyJson.GetProperty("Embeddings")[0].GetProperty("Norm").GetProperty("Psi").ValueKind);
        Assert.Equal(JsonValueKind.Null, emptyJson.GetProperty("Embeddings")[0].GetProperty("MeanCosineDistance").ValueKind);

        for (int i = 0; i < 300; i++)
        {
            window.Add(Vector(0));
        }

        window.AddMissing();
        DriftReport filled = Report();
        JsonElement filledJson = AssertSerializesFaithfully(filled);
        Assert.Equal(filled.Embeddings[0].MeanCosineDistance!.Value, filledJson.GetProperty("Embeddings")[0].GetProperty("MeanCosineDistance").GetDouble());
        Assert.Equal(301, filledJson.GetProperty("Embeddings")[0].GetProperty("Rows").GetInt64());
    }

    [Fact]
    public void Infinite_thresholds_are_written_as_named_literals_and_read_back()
    {
        // A threshold set to +∞ switches its test off; it is not undefined, so it is not null.
        DriftThresholds thresholds = DriftThresholds.Default with { Psi = double.PositiveInfinity, MeanShift = double.NegativeInfinity };

        string json = JsonSerializer.Serialize(thresholds);

        Assert.Contains("\"Psi\":\"Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"MeanShift\":\"-Infinity\"", json, StringComparison.Ordinal);
        Assert.Equal(thresholds, JsonSerializer.Deserialize<DriftThresholds>(json));
        Assert.Equal(json, JsonSerializer.Serialize(thresholds, NormGuardJsonContext.Default.DriftThresholds));
    }

    [Fact]
    public void A_string_that_is_not_a_number_is_refused_with_the_value_named()
    {
        JsonException error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DriftThresholds>("{\"Psi\":\"high\"}"));
        Assert.Contains("\"high\"", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Serializes with the default options and with the context (the same text), checks every figure of the JSON
    /// against the report, reads it back with both and checks every figure again; returns the parsed JSON.</summary>
    private static JsonElement AssertSerializesFaithfully(DriftReport report)
    {
        string json = JsonSerializer.Serialize(report);
        Assert.Equal(json, JsonSerializer.Serialize(report, NormGuardJsonContext.Default.DriftReport));
        Assert.Equal(json, JsonSerializer.Serialize(report, typeof(DriftReport), NormGuardJsonContext.Default));

        JsonElement root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(report.FeatureSet, root.GetProperty("FeatureSet").GetString());
        Assert.Equal(report.Version, root.GetProperty("Version").GetInt32());
        Assert.Equal(report.Rows, root.GetProperty("Rows").GetInt64());
        Assert.Equal(report.AnyDrifted, root.GetProperty("AnyDrifted").GetBoolean());
        Assert.Equal((int)report.Verdict, root.GetProperty("Verdict").GetInt32());
        AssertThresholds(report.Thresholds, root.GetProperty("Thresholds"));
        AssertFeatures(report.Features, root.GetProperty("Features"));
        AssertEmbeddings(report.Embeddings, root.GetProperty("Embeddings"));
        Assert.Equal(report.Drifted.Select(f => f.Name), root.GetProperty("Drifted").EnumerateArray().Select(f => f.GetProperty("Name").GetString()));
        Assert.Equal(report.WithoutVerdict.Select(f => f.Name), root.GetProperty("WithoutVerdict").EnumerateArray().Select(f => f.GetProperty("Name").GetString()));

        foreach (DriftReport back in new[] { JsonSerializer.Deserialize<DriftReport>(json)!, JsonSerializer.Deserialize(json, NormGuardJsonContext.Default.DriftReport)! })
        {
            Assert.Equal(report.FeatureSet, back.FeatureSet);
            Assert.Equal(report.Version, back.Version);
            Assert.Equal(report.Rows, back.Rows);
            Assert.Equal(report.Thresholds, back.Thresholds);
            Assert.Equal(report.Verdict, back.Verdict);
            Assert.Equal(report.Features.Count, back.Features.Count);
            for (int i = 0; i < report.Features.Count; i++)
            {
                AssertSameFeature(report.Features[i], back.Features[i]);
            }

            Assert.Equal(report.Embeddings.Count, back.Embeddings.Count);
            for (int i = 0; i < report.Embeddings.Count; i++)
            {
                EmbeddingDrift expected = report.Embeddings[i], actual = back.Embeddings[i];
                Assert.Equal((expected.Name, expected.Status, expected.Rows, expected.Vectors, expected.MeanJudged, expected.MeanCosineBound), (actual.Name, actual.Status, actual.Rows, actual.Vectors, actual.MeanJudged, actual.MeanCosineBound));
                AssertSameNullable(expected.MeanCosineDistance, actual.MeanCosineDistance);
                AssertSameNullable(expected.MeanCosineCritical, actual.MeanCosineCritical);
                Assert.Equal(expected.Reasons, actual.Reasons);
                Assert.Equal(expected.Notes, actual.Notes);
                AssertSameFeature(expected.Norm, actual.Norm);
            }
        }

        return root;
    }

    private static readonly (string Name, Func<FeatureDrift, double?> Figure)[] Figures =
    [
        ("Psi", f => f.Psi), ("Ks", f => f.Ks), ("KsCritical", f => f.KsCritical), ("MeanShift", f => f.MeanShift),
        ("BaselineMean", f => f.BaselineMean), ("LiveMean", f => f.LiveMean), ("BaselineStd", f => f.BaselineStd), ("LiveStd", f => f.LiveStd),
        ("BaselineMissingRate", f => f.BaselineMissingRate), ("LiveMissingRate", f => f.LiveMissingRate), ("UnknownRate", f => f.UnknownRate),
    ];

    private static readonly (string Name, Func<FeatureDrift, IReadOnlyList<double>> Figures)[] Lists =
    [
        ("BinEdges", f => f.BinEdges), ("BaselineShares", f => f.BaselineShares), ("LiveShares", f => f.LiveShares),
    ];

    private static void AssertFeatures(IReadOnlyList<FeatureDrift> features, JsonElement array)
    {
        Assert.Equal(features.Count, array.GetArrayLength());
        for (int i = 0; i < features.Count; i++)
        {
            AssertFeature(features[i], array[i]);
        }
    }

    private static void AssertFeature(FeatureDrift feature, JsonElement json)
    {
        Assert.Equal(feature.Name, json.GetProperty("Name").GetString());
        Assert.Equal((int)feature.Status, json.GetProperty("Status").GetInt32());
        Assert.Equal((int)feature.Judged, json.GetProperty("Judged").GetInt32());
        Assert.Equal((int)feature.Waiting, json.GetProperty("Waiting").GetInt32());
        Assert.Equal(feature.Rows, json.GetProperty("Rows").GetInt64());
        Assert.Equal(feature.IsCategorical, json.GetProperty("IsCategorical").GetBoolean());
        foreach ((string name, Func<FeatureDrift, double?> figure) in Figures)
        {
            AssertNumber(figure(feature), json.GetProperty(name), feature.Name + "." + name);
        }

        foreach ((string name, Func<FeatureDrift, IReadOnlyList<double>> list) in Lists)
        {
            JsonElement[] elements = json.GetProperty(name).EnumerateArray().ToArray();
            Assert.Equal(list(feature).Count, elements.Length);
            for (int b = 0; b < elements.Length; b++)
            {
                AssertNumber(list(feature)[b], elements[b], $"{feature.Name}.{name}[{b}]");
            }
        }

        Assert.Equal(feature.Reasons, json.GetProperty("Reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(feature.Notes, json.GetProperty("Notes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(feature.BinLabels, json.GetProperty("BinLabels").EnumerateArray().Select(r => r.GetString()));
    }

    private static void AssertEmbeddings(IReadOnlyList<EmbeddingDrift> embeddings, JsonElement array)
    {
        Assert.Equal(embeddings.Count, array.GetArrayLength());
        for (int i = 0; i < embeddings.Count; i++)
        {
            EmbeddingDrift embedding = embeddings[i];
            JsonElement json = array[i];
            Assert.Equal(embedding.Name, json.GetProperty("Name").GetString());
            Assert.Equal((int)embedding.Status, json.GetProperty("Status").GetInt32());
            Assert.Equal(embedding.Vectors, json.GetProperty("Vectors").GetInt64());
            AssertNumber(embedding.MeanCosineDistance, json.GetProperty("MeanCosineDistance"), embedding.Name + ".MeanCosineDistance");
            AssertNumber(embedding.MeanCosineCritical, json.GetProperty("MeanCosineCritical"), embedding.Name + ".MeanCosineCritical");
            AssertFeature(embedding.Norm, json.GetProperty("Norm"));
        }
    }

    private static void AssertThresholds(DriftThresholds thresholds, JsonElement json)
    {
        AssertNumber(thresholds.Psi, json.GetProperty("Psi"), "Psi");
        AssertNumber(thresholds.KsSignificance, json.GetProperty("KsSignificance"), "KsSignificance");
        AssertNumber(thresholds.MeanShift, json.GetProperty("MeanShift"), "MeanShift");
        AssertNumber(thresholds.MissingRateChange, json.GetProperty("MissingRateChange"), "MissingRateChange");
        AssertNumber(thresholds.UnknownRate, json.GetProperty("UnknownRate"), "UnknownRate");
        AssertNumber(thresholds.RateSignificance, json.GetProperty("RateSignificance"), "RateSignificance");
        Assert.Equal(thresholds.MinRows, json.GetProperty("MinRows").GetInt64());
        Assert.Equal(thresholds.MinTestRows, json.GetProperty("MinTestRows").GetInt64());
        if (thresholds.Embeddings is { } embeddings)
        {
            JsonElement e = json.GetProperty("Embeddings");
            Assert.Equal(embeddings.MeanSignificance, e.GetProperty("MeanSignificance").GetDouble());
            Assert.Equal(embeddings.MeanMinVectors, e.GetProperty("MeanMinVectors").GetInt64());
            AssertThresholds(embeddings.Norm, e.GetProperty("Norm"));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty("Embeddings").ValueKind);
        }
    }

    /// <summary>A figure in the JSON: null when it is null or NaN, otherwise the same double.</summary>
    private static void AssertNumber(double? expected, JsonElement actual, string what)
    {
        if (expected is not double value || double.IsNaN(value))
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{what}: expected null, found {actual}");
        }
        else
        {
            Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what}: expected {value:R}, found {actual}");
            Assert.Equal(value, actual.GetDouble());
        }
    }

    private static void AssertSameFeature(FeatureDrift expected, FeatureDrift actual)
    {
        Assert.Equal((expected.Name, expected.IsCategorical, expected.Status, expected.Judged, expected.Waiting, expected.Rows), (actual.Name, actual.IsCategorical, actual.Status, actual.Judged, actual.Waiting, actual.Rows));
        foreach ((string name, Func<FeatureDrift, double?> figure) in Figures)
        {
            // A double that was NaN is NaN again; a double? that was NaN comes back null, as null is all the JSON says.
            double? before = figure(expected), after = figure(actual);
            bool nullable = name is not ("Psi" or "BaselineMissingRate" or "LiveMissingRate" or "UnknownRate");
            if (nullable)
            {
                AssertSameNullable(before, after);
            }
            else
            {
                Assert.True(BitConverter.DoubleToInt64Bits(before!.Value) == BitConverter.DoubleToInt64Bits(after!.Value) || (double.IsNaN(before.Value) && double.IsNaN(after.Value)), $"{expected.Name}.{name}: {before} became {after}");
            }
        }

        foreach ((string name, Func<FeatureDrift, IReadOnlyList<double>> list) in Lists)
        {
            Assert.Equal(list(expected).Select(v => double.IsNaN(v) ? "NaN" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), list(actual).Select(v => double.IsNaN(v) ? "NaN" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(expected.PsiBand, actual.PsiBand);
        Assert.Equal(expected.Reasons, actual.Reasons);
        Assert.Equal(expected.Notes, actual.Notes);
        Assert.Equal(expected.BinLabels, actual.BinLabels);
    }

    private static void AssertSameNullable(double? expected, double? actual)
    {
        if (expected is not double value || double.IsNaN(value))
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Equal(value, actual);
        }
    }

    private static DiamondRow[] HeldOut()
    {
        DiamondRow[] all = DriftCalibrationTests.ReadDiamonds();
        string[] split = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "split.csv")).Skip(1).ToArray();
        return all.Where((_, i) => split[i] == "test").ToArray();
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import sklearn --space … --model …</c>: real pickles of scikit-learn transforms fitted on float32
/// embeddings (Data/sklearn/embeddings/make_embedding_pickles.py) become one vector feature whose parameters are the
/// fitted attributes bit for bit (the script records them as repr of each float64 value). Runs the real exporter with
/// Debian's /usr/bin/python3; skipped, never passed, without it.
/// </summary>
public sealed class ImportEmbeddingTests(ITestOutputHelper output)
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(ImportTestSupport.Data("sklearn", "embeddings", "expected.json"))).RootElement;

    private static double[] Numbers(string pickle, string name) =>
        Expected.GetProperty(pickle).GetProperty(name).EnumerateArray().Select(e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    private Manifest Import(TempDirectory temp, string pickle) =>
        ImportTestSupport.Import(output.WriteLine, temp.File(pickle + ".json"), "sklearn", ImportTestSupport.Data("sklearn", "embeddings", pickle + ".pkl"),
            "--python", ScikitLearnPython.Path, "--space", "docs-mini", "--model", "m/mini", "--revision", "abc", "--feature", "Embedding");

    [SkippableFact]
    public void A_whitened_pca_imports_as_a_pca_step_with_the_fitted_attributes()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        Manifest manifest = Import(temp, "pca8_whiten");

        Assert.Equal((NormalizationProfile.ScikitLearn, ManifestDType.Float32), (manifest.Profile, manifest.DType));
        FeatureManifest feature = Assert.Single(manifest.Features);
        Assert.Equal(new EmbeddingSpaceDeclaration("docs-mini", "m/mini", 48, 8) { Revision = "abc" }, feature.Space);
        var pca = Assert.IsType<PcaStep>(Assert.Single(feature.Steps));
        Assert.True(pca.Whiten);
        AssertBits(Numbers("pca8_whiten", "mean"), pca.Mean);
        AssertBits(Numbers("pca8_whiten", "components"), pca.Components.SelectMany(row => row).ToArray());
        Assert.All(pca.Components, row => Assert.Equal(48, row.Count));
        AssertBits(Numbers("pca8_whiten", "explainedVariance"), pca.ExplainedVariance);
        EmbeddingSpace space = manifest.GetEmbeddingSpace("Embedding");
        Assert.Equal("pca(8, whiten)", space.Normalization);
        Assert.False(space.IsUnitLength);
    }

    [SkippableFact]
    public void A_pipeline_of_scaler_pca_and_normalizer_imports_in_order()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        Manifest manifest = Import(temp, "scaler_pca16_l2");

        FeatureManifest feature = manifest.Features[0];
        Assert.Equal(16, feature.Space!.Dimension);
        var zscore = Assert.IsType<VectorZScoreStep>(feature.Steps[0]);
        AssertBits(Numbers("scaler_pca16_l2", "scaleMean"), zscore.Mean);
        AssertBits(Numbers("scaler_pca16_l2", "scaleStd"), zscore.Std);
        var pca = Assert.IsType<PcaStep>(feature.Steps[1]);
        AssertBits(Numbers("scaler_pca16_l2", "pcaMean"), pca.Mean);
        AssertBits(Numbers("scaler_pca16_l2", "components"), pca.Components.SelectMany(row => row).ToArray());
        Assert.Equal(new L2NormalizeStep(), feature.Steps[2]);
        EmbeddingSpace space = manifest.GetEmbeddingSpace("Embedding");
        Assert.Equal("zscore, pca(16), l2", space.Normalization);
        Assert.True(space.IsUnitLength);
    }

    [SkippableFact]
    public void A_scaler_without_std_imports_as_center()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        FeatureManifest feature = Import(temp, "center").Features[0];

        AssertBits(Numbers("center", "mean"), Assert.IsType<CenterStep>(Assert.Single(feature.Steps)).Mean);
        Assert.Equal(48, feature.Space!.Dimension);
    }

    [SkippableFact]
    public void A_transform_that_is_not_an_embedding_step_is_refused_by_name()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        ToolResult result = ToolRunner.Run("import", "sklearn", ImportTestSupport.Data("sklearn", "embeddings", "minmax.pkl"), "--python", ScikitLearnPython.Path,
            "--space", "docs-mini", "--model", "m/mini", "--out", temp.File("m.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MinMaxScaler is not supported on embeddings (StandardScaler, PCA, IncrementalPCA, Normalizer(norm='l2')", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    [Theory]
    [InlineData(new[] { "--space", "docs-mini" }, "--space needs --model")]
    [InlineData(new[] { "--model", "m/mini" }, "give its name with --space")]
    [InlineData(new[] { "--space", "docs-mini", "--model", "m", "--dtype", "float64" }, "imported with dtype float32")]
    public void Embedding_options_that_do_not_go_together_are_refused(string[] options, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult result = ToolRunner.Run(["import", "sklearn", ImportTestSupport.Data("sklearn", "embeddings", "center.pkl"), .. options, "--out", temp.File("m.json")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static void AssertBits(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"[{i}]: expected {expected[i]:R}, found {actual[i]:R}");
        }
    }
}

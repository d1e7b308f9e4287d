using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import sklearn --space …</c> of transforms fitted on float64 vectors (real joblib files written by
/// Data/sklearn/embeddings/make_float64_pickles.py with Debian's scikit-learn 1.2.1). A fitted PCA's attributes are then
/// float64, and scikit-learn's transform of float32 vectors computes in float64 (decomposition/_base.py: X - mean_
/// promotes) while a vector feature is float32 only: the import still writes the float32 manifest, and says so on stderr
/// with the estimator and the largest relative rounding of a parameter, computed here independently from the imported
/// numbers. A StandardScaler keeps float32 input float32 whatever it was fitted on: no warning. Expectations written
/// before running the import.
/// </summary>
public sealed partial class ImportEmbeddingFloat64Tests(ITestOutputHelper output)
{
    private ToolResult Import(TempDirectory temp, string file)
    {
        ToolResult result = ToolRunner.Run("import", "sklearn", ImportTestSupport.Data("sklearn", "embeddings", file), "--python", ScikitLearnPython.Path,
            "--space", "docs-mini", "--model", "m/mini", "--out", temp.File("m.json"), "--fitted-at", ImportTestSupport.FittedAt);
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [SkippableFact]
    public void A_pca_fitted_on_float64_imports_as_float32_and_warns_with_the_largest_rounding()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        ToolResult result = Import(temp, "pca8_whiten_float64.joblib");

        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(ManifestDType.Float32, manifest.DType);
        var pca = Assert.IsType<PcaStep>(Assert.Single(manifest.Features[0].Steps));
        string warning = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("warning: PCA was fitted on float64 data", warning, StringComparison.Ordinal);
        Assert.Contains("computes it in float64 (X - mean_ promotes to float64) and returns float64,", warning, StringComparison.Ordinal);
        Assert.Contains("float64 is not an option", warning, StringComparison.Ordinal);
        Assert.Contains("fit on float32 vectors (X.astype(np.float32))", warning, StringComparison.Ordinal);
        AssertLargestRounding(pca, warning);
    }

    [SkippableFact]
    public void In_a_pipeline_the_warning_names_the_pca_step_and_the_steps_that_follow_it_in_float64()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        ToolResult result = Import(temp, "scaler_pca16_l2_float64.joblib");

        var pca = Assert.IsType<PcaStep>(Manifest.Load(temp.File("m.json")).Features[0].Steps[1]);
        string warning = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("warning: step 'pca' (PCA) was fitted on float64 data", warning, StringComparison.Ordinal);
        Assert.Contains("and so do the steps after it (step 'norm' (Normalizer))", warning, StringComparison.Ordinal);
        AssertLargestRounding(pca, warning);
    }

    [SkippableTheory]
    [InlineData("scaler_float64.joblib")]
    [InlineData("pca8_whiten.pkl")]
    public void A_scaler_fitted_on_float64_and_a_pca_fitted_on_float32_import_without_a_warning(string file)
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();

        ToolResult result = Import(temp, file);

        Assert.DoesNotContain("warning:", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The largest |float32(v) − v| / |v| over mean, components and (whitened) explained variance, as the
    /// imported manifest holds them (the fitted attributes exactly), against the figure and the parameter the warning names.</summary>
    private static void AssertLargestRounding(PcaStep pca, string warning)
    {
        var parameters = new List<(string Name, double Value)>();
        parameters.AddRange(pca.Mean.Select((v, i) => (FormattableString.Invariant($"mean_[{i}]"), v)));
        parameters.AddRange(pca.Components.SelectMany((row, r) => row.Select((v, c) => (FormattableString.Invariant($"components_[{r}, {c}]"), v))));
        if (pca.Whiten)
        {
            parameters.AddRange(pca.ExplainedVariance.Select((v, i) => (FormattableString.Invariant($"explained_variance_[{i}]"), v)));
        }

        (string name, double largest) = parameters
            .Select(p => (p.Name, Relative: p.Value == 0 ? 0 : Math.Abs((double)(float)p.Value - p.Value) / Math.Abs(p.Value)))
            .MaxBy(p => p.Relative);
        Assert.True(largest > 0, "a PCA fitted on float64 has parameters that float32 rounds");
        Match figure = Rounding().Match(warning);
        Assert.True(figure.Success, warning);
        Assert.Equal(name, figure.Groups["parameter"].Value);
        double printed = double.Parse(figure.Groups["relative"].Value, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(printed - largest) <= 1e-3 * largest, $"warning says {printed}, computed {largest:R}");
    }

    [GeneratedRegex(@"the largest relative rounding of a parameter to float32 is (?<relative>[0-9.e+-]+) \((?<parameter>[a-z_]+\[[0-9, ]+\]) = ")]
    private static partial Regex Rounding();
}

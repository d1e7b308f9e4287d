using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>NG0011 judges a vector z-score dimension by dimension (its scalar mean/std fields are not used).</summary>
public sealed class VectorParameterRuleTests
{
    private static GenerationRun Run(double[] std) =>
        GeneratorHost.Run(Record("float[] Embedding { get; init; } = [];", "ZScore", dimension: 8), ("/p/docs.normguard.json", Manifest(8, 8, ZScore(Means(8), std))));

    [Fact]
    public void A_vector_zscore_with_positive_stds_draws_no_NG0011()
    {
        GenerationRun run = Run(Stds(8));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "NG0011");
        Assert.Contains("VectorKernels.SubtractMultiply", run.AllSources.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_std_in_one_dimension_is_the_degenerate_warning_naming_that_dimension()
    {
        double[] std = Stds(8);
        std[5] = 0;
        Diagnostic warning = Assert.Single(Run(std).Diagnostics, d => d.Id == "NG0011");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("in dimension 5, std is 0", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_std_whose_float32_reciprocal_overflows_is_an_error_and_nothing_binds()
    {
        double[] std = Stds(8);
        std[3] = 1e-300;
        GenerationRun run = Run(std);
        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Id == "NG0011");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("in dimension 3", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("__NormGuardUnbound", run.AllSources.Single(), StringComparison.Ordinal);
    }
}

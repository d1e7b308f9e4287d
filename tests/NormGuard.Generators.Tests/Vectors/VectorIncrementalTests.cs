using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>The vector models cache like the scalar ones: an unrelated edit re-runs nothing, an [Embedding] edit re-binds.</summary>
public sealed class VectorIncrementalTests
{
    private const string Unrelated = "namespace Other; public static class M { public static int F() => 1; }";

    private static readonly string Source = Record("float[] Embedding { get; init; } = [];", "Center, Pca(4, Whiten = true)", dimension: 8);

    private static readonly (string, string) ManifestFile = ("/p/docs.normguard.json", Manifest(8, 4, Center(Means(8)) + "," + Pca(Means(8, 3), Components(4, 8), Variances(4), whiten: true)));

    [Fact]
    public void Editing_an_unrelated_file_leaves_the_vector_record_cached()
    {
        CSharpCompilation compilation = GeneratorHost.Compilation(Source, Unrelated);
        GeneratorDriver driver = GeneratorHost.Driver(ManifestFile).RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Last();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(Unrelated.Replace("=> 1", "=> 2", StringComparison.Ordinal)))));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.FeatureSets, TrackingNames.Manifests, TrackingNames.Bind })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(r => r.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_the_whiten_flag_of_the_attribute_rebinds()
    {
        CSharpCompilation compilation = GeneratorHost.Compilation(Source);
        GeneratorDriver driver = GeneratorHost.Driver(ManifestFile).RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Single();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(Source.Replace("Whiten = true", "Whiten = false", StringComparison.Ordinal)))));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedSteps[TrackingNames.FeatureSets].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.Bind].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }
}

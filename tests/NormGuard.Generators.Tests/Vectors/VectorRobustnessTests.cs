using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>Declarations and manifests that cannot bind: the generator never throws, the rule says why, the members throw.</summary>
public sealed class VectorRobustnessTests
{
    public static readonly TheoryData<string, string, string> Cases = new()
    {
        // record member, attribute steps, manifest steps (native 8 → the space's dimension 8 unless the steps change it)
        { "double[] Embedding { get; init; } = [];", "L2Normalize", L2() },
        { "float[] Embedding { get; init; } = [];", "Truncate(9)", L2() },
        { "float[] Embedding { get; init; } = [];", "Pca(0)", L2() },
        { "float[] Embedding { get; init; } = [];", "MinMax", L2() },
        { "float Embedding { get; init; }", "ZScore", ZScore(Means(8), Stds(8)) },
        { "float[] Embedding { get; init; } = [];", "Center, Pca(2)", Center(Means(8)) + "," + "{\"op\":\"pca\",\"mean\":" + Numbers(Means(8)) + ",\"components\":[],\"explainedVariance\":[],\"whiten\":false}" },
        { "float[] Embedding { get; init; } = [];", "L2Normalize(Epsilon = 1e-50)", L2(1e-50) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nothing_binds_nothing_throws_and_an_error_is_reported(string member, string steps, string manifestSteps)
    {
        GenerationRun run = GeneratorHost.Run(Record(member, steps, dimension: 8), ("/p/docs.normguard.json", Manifest(8, 8, manifestSteps)));
        Assert.DoesNotContain(run.Result.Results, r => r.Exception is not null);
        Assert.Contains(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("NG", StringComparison.Ordinal));
        Assert.Contains("__NormGuardUnbound", run.AllSources.Single(), StringComparison.Ordinal);
        Assert.Empty(run.CompileErrors);
    }
}

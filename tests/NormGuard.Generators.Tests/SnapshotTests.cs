using Microsoft.CodeAnalysis;
using System.Linq;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>The generated source for representative feature sets, against committed baselines; each must compile cleanly.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void ScikitLearn_float64_record_with_every_op() =>
        Check("Diamonds", TestManifests.DiamondsSource, ("/project/diamonds.normguard.json", TestManifests.DiamondsManifest));

    [Fact]
    public void Flat_float_struct_runs_as_a_vector_stream()
    {
        GenerationRun run = Check("Sensor", TestManifests.SensorSource, ("/project/sensor.normguard.json", TestManifests.SensorManifest));
        string source = run.AllSources.Single();
        Assert.Contains("StreamKernels.AffineFloat32", source, System.StringComparison.Ordinal);
        Assert.Contains("StreamKernels.Clip", source, System.StringComparison.Ordinal);
        Assert.Contains("period lcm(Width, 16) = 80", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Spark_positional_record_with_missing_policies_and_categories() =>
        Check("Visit", TestManifests.VisitSource, ("/project/models/visits.normguard.json", TestManifests.VisitManifest));

    [Fact]
    public void Without_a_manifest_the_fitter_is_generated_and_every_normalizing_member_throws()
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.SensorSource);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("NG0001", Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error).Id);
        string source = run.AllSources.Single();
        Snapshot.Match("SensorFitterOnly", source);
        DiagnosticTests.AssertUnbound(run, "NG0001");
        Assert.Empty(run.CompileErrors);
    }

    private static GenerationRun Check(string name, string source, params (string, string)[] manifests)
    {
        GenerationRun run = GeneratorHost.Run(source, manifests);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Match(name, run.AllSources.Single());
        return run;
    }
}

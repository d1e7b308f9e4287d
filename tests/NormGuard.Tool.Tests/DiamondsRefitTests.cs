using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary><c>normguard fit</c> refits the Diamonds sample to the manifest its Python script wrote.</summary>
public sealed class DiamondsRefitTests(ITestOutputHelper output)
{
    [Fact]
    public void Refitting_the_Diamonds_sample_reproduces_scikit_learn_to_1e_12()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string python = ToolRunner.Repo("samples", "Diamonds", "diamonds.normguard.json");
        ToolResult result = ToolRunner.Run(
            "fit",
            "--data", ToolRunner.Repo("samples", "Diamonds", "data", "diamonds.csv"),
            "--template", python,
            "--split-file", ToolRunner.Repo("samples", "Diamonds", "data", "split.csv"),
            "--train-value", "train",
            "--out", temp.File("refit.normguard.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);

        Manifest expected = Manifest.Load(python);
        Manifest refit = Manifest.Load(temp.File("refit.normguard.json"));
        Assert.Equal(DataSplit.Train, refit.Fit!.Split);
        Assert.Equal(expected.Fit!.Rows, refit.Fit.Rows);
        Assert.Equal(expected.Features.Select(f => f.Name), refit.Features.Select(f => f.Name));

        double worst = 0;
        for (int f = 0; f < expected.Features.Count; f++)
        {
            for (int s = 0; s < expected.Features[f].Steps.Count; s++)
            {
                (double Want, double Got)[] pairs = (expected.Features[f].Steps[s], refit.Features[f].Steps[s]) switch
                {
                    (ZScoreStep a, ZScoreStep b) => [(a.Mean, b.Mean), (a.Std, b.Std)],
                    (RobustStep a, RobustStep b) => [(a.Center, b.Center), (a.Scale, b.Scale)],
                    (OneHotStep a, OneHotStep b) when a.Categories.SequenceEqual(b.Categories) => [],
                    (Log1pStep, Log1pStep) => [],
                    var other => throw new Xunit.Sdk.XunitException($"{expected.Features[f].Name}: {other.Item1} vs {other.Item2}"),
                };
                foreach ((double want, double got) in pairs)
                {
                    double relative = Math.Abs(want - got) / Math.Abs(want);
                    worst = Math.Max(worst, relative);
                    Assert.True(relative <= 1e-12, $"{expected.Features[f].Name}: {want:R} vs {got:R}");
                }
            }

            Assert.Equal(expected.Features[f].Stats!.CategoryCounts, refit.Features[f].Stats!.CategoryCounts);
        }

        output.WriteLine($"largest relative difference: {worst:E2}");
    }
}

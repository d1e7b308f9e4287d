using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using CsCheck;
using NormGuard.Generators.Tests.Fuzz;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>Generated code is byte-identical in every culture (fi-FI writes U+2212 minus signs; tr-TR breaks casing).</summary>
public sealed class CultureTests
{
    [Theory]
    [InlineData("fi-FI")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    public void Generation_is_byte_identical_across_cultures(string culture)
    {
        string[] invariant = GenerateAll(CultureInfo.InvariantCulture);
        string[] localized = GenerateAll(CultureInfo.GetCultureInfo(culture));
        Assert.Equal(invariant, localized);
        Assert.Contains(invariant, s => s.Contains("-1.1111112f", StringComparison.Ordinal));
    }

    [Fact]
    public void Generation_is_byte_identical_across_runs()
    {
        Assert.Equal(GenerateAll(CultureInfo.InvariantCulture), GenerateAll(CultureInfo.InvariantCulture));
    }

    /// <summary>Generated models (the fuzz harness's, with hostile names and random profiles, dtypes and numbers):
    /// the same code twice, and the same code under fi-FI and tr-TR.</summary>
    [Fact]
    public void Generated_models_give_byte_identical_code_across_runs_and_cultures()
    {
        ModelGen.Model.Sample(
            model =>
            {
                string[] first = Generate(model, CultureInfo.InvariantCulture);
                Assert.Contains(first, s => s.Contains("NormalizeBatch(", StringComparison.Ordinal));
                Assert.Equal(first, Generate(model, CultureInfo.InvariantCulture));
                Assert.Equal(first, Generate(model, CultureInfo.GetCultureInfo("fi-FI")));
                Assert.Equal(first, Generate(model, CultureInfo.GetCultureInfo("tr-TR")));
            },
            iter: 40,
            seed: "0N0XIzNsQ0O2");
    }

    private static string[] Generate(ManifestModel model, CultureInfo culture)
    {
        string[] result = [];
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            result = [.. GeneratorHost.Run(model.RecordSource(), (ManifestModel.ManifestPath, model.Text())).AllSources];
        });
        thread.Start();
        thread.Join();
        return result;
    }

    private static string[] GenerateAll(CultureInfo culture)
    {
        string[] result = [];
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            result =
            [
                .. GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds.normguard.json", TestManifests.DiamondsManifest)).AllSources,
                .. GeneratorHost.Run(TestManifests.SensorSource, ("/p/sensor.normguard.json", TestManifests.SensorManifest)).AllSources,
                .. GeneratorHost.Run(TestManifests.VisitSource, ("/p/models/visits.normguard.json", TestManifests.VisitManifest)).AllSources,
                .. GeneratorHost.Run(TestManifests.SensorSource, ("/p/sensor.normguard.json", "{ \"format\": 1 }")).Diagnostics.Select(d => d.ToString()),
            ];
        });
        thread.Start();
        thread.Join();
        return result;
    }
}

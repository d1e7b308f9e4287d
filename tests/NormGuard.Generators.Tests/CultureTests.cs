using System;
using System.Globalization;
using System.Linq;
using System.Threading;
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
                .. GeneratorHost.Run(TestManifests.SensorSource, ("/p/sensor.normguard.json", "{ \"format\": 1 }")).GeneratorDiagnostics.Select(d => d.ToString()),
            ];
        });
        thread.Start();
        thread.Join();
        return result;
    }
}

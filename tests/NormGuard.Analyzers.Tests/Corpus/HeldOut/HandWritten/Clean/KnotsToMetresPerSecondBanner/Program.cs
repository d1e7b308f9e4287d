// category: unit-conversion
// Verdict: clean. The harbour display shows wind in metres per second: knots × 0.514444 (the definition of the knot),
// for a banner string. The manifest's z-score (mean 14.2, std 6.1; gusts 19.8, 8.4) is applied by the generated
// Normalize for the closure model; the conversion is display arithmetic on the members, not a scaling.
using System;
using System.Globalization;
using NormGuard;

namespace Harbour.Display;

[FeatureSet("harbour-wind")]
public partial record struct HarbourWind
{
    [ZScore] public double WindKnots { get; init; }
    [ZScore] public double GustKnots { get; init; }
}

public static class Banner
{
    public const double MetresPerSecondPerKnot = 0.514444;

    public static string Text(in HarbourWind w) =>
        string.Create(CultureInfo.InvariantCulture, $"wind {w.WindKnots * MetresPerSecondPerKnot:0.0} m/s, gusts {w.GustKnots * 0.514444:0.0} m/s");
}

public static class Program
{
    public static void Main()
    {
        var row = new HarbourWind { WindKnots = 22, GustKnots = 31 };
        Span<float> modelInput = stackalloc float[HarbourWind.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine(Banner.Text(row));
    }
}

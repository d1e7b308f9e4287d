// category: unit-conversion
// Verdict: clean. The shipping label prints the stone's weight in grams (1 carat = 0.2 g) and the insured value in
// thousands; neither is a scaling of the carat feature (manifest: log1p, then mean 0.5556, std 0.2445), and neither
// reaches the model. The model input comes from the generated Normalize.
using System;
using NormGuard;

namespace Jewellery.Shipping;

[FeatureSet("stones")]
public partial record struct Stone
{
    [Log1p, ZScore] public double Carat { get; init; }
    [ZScore] public double Depth { get; init; }
    [Ignore] public double DeclaredValue { get; init; }
}

public static class ShippingLabel
{
    public static string Print(in Stone stone) =>
        $"weight {stone.Carat * 0.2:0.000} g, insured {stone.DeclaredValue / 1000:0.0}k USD";
}

public static class Program
{
    public static void Main()
    {
        var stone = new Stone { Carat = 1.01, Depth = 61.8, DeclaredValue = 5400 };
        Span<float> features = stackalloc float[Stone.Width];
        stone.Normalize(features);
        Console.WriteLine($"{ShippingLabel.Print(stone)}; model input [{features[0]:0.###}, {features[1]:0.###}]");
    }
}

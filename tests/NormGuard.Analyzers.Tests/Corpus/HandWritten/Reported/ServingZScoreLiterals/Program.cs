// category: literal-zscore
// Verdict: reported. The serving code copies the manifest's z-score parameters for depth (mean 61.749, std 1.4326)
// and table (mean 57.457, std 2.2345) as literals and builds the model's input row from them. This is the generated
// Normalize re-typed by hand: it goes stale at the next refit. Both expressions feed the linear model.
using System;
using NormGuard;

namespace Jewellery.Serving;

[FeatureSet("diamond-shape")]
public partial record struct DiamondShape
{
    [ZScore] public double Depth { get; init; }
    [ZScore] public double Table { get; init; }
    [Ignore] public double Price { get; init; }
}

public static class PriceModel
{
    private static readonly float[] Weights = { 0.42f, -0.17f };

    public static float PredictLogPrice(in DiamondShape d)
    {
        Span<float> x = stackalloc float[2];
        x[0] = (float)({|NG0012:(d.Depth - 61.749) / 1.4326|});
        x[1] = (float)({|NG0012:(d.Table - 57.457) / 2.2345|});
        return 7.8f + (Weights[0] * x[0]) + (Weights[1] * x[1]);
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(PriceModel.PredictLogPrice(new DiamondShape { Depth = 61.2, Table = 56 }));
}

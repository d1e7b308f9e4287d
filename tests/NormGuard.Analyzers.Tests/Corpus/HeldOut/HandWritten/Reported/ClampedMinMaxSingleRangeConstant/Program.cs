// category: clamp-shape
// Verdict: reported. The edge scorer computes (rpm − 600) / 5400 and (oil − 1.5) / 5, the manifest's min-max over
// 600..6000 and 1.5..6.5 with each range written as one constant, and clamps them to [0, 1] as the manifest's clip does:
// the bound step with its clipping, by hand.
using System;
using NormGuard;

namespace Fleet.Engines;

[FeatureSet("engine-health")]
public partial record struct EngineSample
{
    [MinMax(0, 1, Clip = true)] public float Rpm { get; init; }
    [MinMax(0, 1, Clip = true)] public float OilPressure { get; init; }
}

public static class EdgeScorer
{
    public static float[] Input(in EngineSample e) => new[]
    {
        Math.Min(1f, Math.Max(0f, {|NG0012:(e.Rpm - 600f) / 5400f|})),
        Math.Clamp({|NG0012:(e.OilPressure - 1.5f) / 5f|}, 0f, 1f),
    };
}

public static class Program
{
    public static void Main()
    {
        float[] x = EdgeScorer.Input(new EngineSample { Rpm = 2400, OilPressure = 3.1f });
        Console.WriteLine($"anomaly-model input {x[0]:0.000}, {x[1]:0.000}");
    }
}

// category: clamp-shape
// Verdict: reported. The manifest scales humidity (12..100) and CO₂ (380..2000 ppm) to [0, 1] with clipping. The
// controller re-implements both by hand: the min-max arithmetic with the manifest's bounds (CO₂ with the range
// 2000 − 380 = 1620 precomputed), wrapped in a clamp to [0, 1], fed to the vent model. The marked span is the
// arithmetic; the clamp around it is part of the same copy.
using System;
using NormGuard;

namespace Greenhouse.Control;

[FeatureSet("greenhouse-air")]
public partial record struct AirSample
{
    [MinMax(0, 1, Clip = true)] public float Humidity { get; init; }
    [MinMax(0, 1, Clip = true)] public float Co2 { get; init; }
}

public static class VentModel
{
    public static float OpeningPercent(in AirSample t)
    {
        double humidity = Math.Clamp({|NG0012:(t.Humidity - 12.0) / (100.0 - 12.0)|}, 0.0, 1.0);
        double co2 = Math.Max(0, Math.Min(1, {|NG0012:(t.Co2 - 380) / 1620.0|}));
        return (float)(100 * Math.Clamp((0.6 * humidity) + (0.4 * co2), 0, 1));
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(VentModel.OpeningPercent(new AirSample { Humidity = 85, Co2 = 900 }));
}

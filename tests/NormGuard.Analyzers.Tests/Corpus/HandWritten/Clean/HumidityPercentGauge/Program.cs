// category: unit-conversion
// Verdict: clean. The gauge needle wants relative humidity as a fraction: the percentage clamped to 0..100 and divided
// by 100. The manifest's humidity step is min-max over 12..100, i.e. (x − 12) / 88 with clipping; dividing by 100 is
// not that scaling (100 is the percent scale, which happens to be the observed max), and the value moves a needle on
// the display. The cellar model's input comes from the generated Normalize.
using System;
using NormGuard;

namespace Winery.Display;

[FeatureSet("cellar-air")]
public partial record struct CellarAir
{
    [MinMax(0, 1, Clip = true)] public float Humidity { get; init; }
    [ZScore] public float TemperatureC { get; init; }
}

public static class Gauge
{
    public static double NeedleFraction(in CellarAir r) => Math.Clamp(r.Humidity, 0f, 100f) / 100.0;
}

public static class Program
{
    public static void Main()
    {
        var air = new CellarAir { Humidity = 72, TemperatureC = 12.5f };
        Span<float> modelInput = stackalloc float[CellarAir.Width];
        air.Normalize(modelInput);
        Console.WriteLine($"needle {Gauge.NeedleFraction(air):0.00}; spoilage-model input {modelInput[0]:0.00}, {modelInput[1]:0.00}");
    }
}

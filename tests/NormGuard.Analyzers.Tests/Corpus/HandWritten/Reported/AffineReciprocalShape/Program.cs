// category: affine-shape
// Verdict: reported. The precomputed forms of the manifest's steps: temperature as (x − 71.5) · (1 / 3.25), and
// pressure as x · 0.2222222 + (−1.1111111), which is min-max to [−1, 1] over 0.5..9.5 (scale 2/9, offset
// −1 − 0.5·2/9) rounded to float. Both write the anomaly detector's input.
using System;
using NormGuard;

namespace Plant.Monitoring;

[FeatureSet("compressor")]
public partial struct CompressorReading
{
    [ZScore] public float Temperature;
    [MinMax(-1, 1)] public float Pressure;
}

public static class AnomalyDetector
{
    public static bool IsAnomalous(CompressorReading r)
    {
        Span<float> x = stackalloc float[2];
        x[0] = {|NG0012:(r.Temperature - 71.5f) * (1 / 3.25f)|};
        x[1] = {|NG0012:r.Pressure * 0.2222222f + -1.1111111f|};
        return (x[0] * x[0]) + (x[1] * x[1]) > 9f;
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(AnomalyDetector.IsAnomalous(new CompressorReading { Temperature = 80, Pressure = 9 }));
}

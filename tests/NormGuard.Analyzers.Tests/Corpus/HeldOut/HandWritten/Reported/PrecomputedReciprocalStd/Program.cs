// category: reciprocal-multiply
// Verdict: reported. The firmware port multiplies by precomputed reciprocals instead of dividing: (stride − 1.32) ·
// 5.5555556 and (cadence − 108) · 0.10526316, i.e. 1/0.18 and 1/9.5, the manifest's standard deviations. Same z-score,
// written by hand into the fall-risk model's input.
using System;
using NormGuard;

namespace Wearables.Gait;

[FeatureSet("gait-sensors")]
public partial record struct GaitWindow
{
    [ZScore] public float StrideLength { get; init; }
    [ZScore] public float Cadence { get; init; }
}

public static class FirmwareEncoder
{
    // Reciprocals precomputed: the microcontroller has no fast divide.
    public static void Encode(in GaitWindow w, Span<float> x)
    {
        x[0] = {|NG0012:(w.StrideLength - 1.32f) * 5.5555556f|};
        x[1] = {|NG0012:(w.Cadence - 108f) * 0.10526316f|};
    }
}

public static class Program
{
    public static void Main()
    {
        Span<float> x = stackalloc float[2];
        FirmwareEncoder.Encode(new GaitWindow { StrideLength = 1.1f, Cadence = 96f }, x);
        Console.WriteLine($"fall-risk input {x[0]:0.00}, {x[1]:0.00}");
    }
}

// category: unit-conversion
// Verdict: clean. Probe 7 reads 0.4 °C high (calibration certificate), so the reading is corrected (temperature −
// 0.4) before it is scored; the corrected record then goes through the generated Normalize into the failure model.
// The arithmetic reaches the model input, but it corrects the measurement itself; it is not the manifest's z-score
// (mean 4.6, std 1.3), which the generated code still applies.
using System;
using NormGuard;

namespace Lab.Cold;

[FeatureSet("lab-fridges")]
public partial record struct FridgeReading
{
    [ZScore] public double TemperatureC { get; init; }
    [MaxAbs] public double DoorOpenSeconds { get; init; }
}

public static class Probe7
{
    public const double Offset = 0.4;

    public static FridgeReading Calibrated(FridgeReading r) => r with { TemperatureC = r.TemperatureC - Offset };
}

public static class Program
{
    public static void Main()
    {
        FridgeReading reading = Probe7.Calibrated(new FridgeReading { TemperatureC = 5.1, DoorOpenSeconds = 40 });
        Span<float> input = stackalloc float[FridgeReading.Width];
        reading.Normalize(input);
        Console.WriteLine($"failure-model input {input[0]:0.00}, {input[1]:0.00}");
    }
}

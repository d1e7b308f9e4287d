// category: fused-multiply-add
// Verdict: reported. The irrigation controller standardizes with fused multiply-adds: soil moisture × 0.047015 +
// (−1.490362) is (x − 31.7) / 21.27 written as x · (1/std) + (−mean/std), and MathF.FusedMultiplyAdd(canopy, 0.1538462,
// −3.646154) is (x − 23.7) / 6.5 the same way. The manifest's z-scores, folded into FMA constants by hand.
using System;
using NormGuard;

namespace Vineyard.Irrigation;

[FeatureSet("vineyard-sensors")]
public partial record struct VineyardSensors
{
    [ZScore] public float SoilMoisture { get; init; }
    [ZScore] public float CanopyTempC { get; init; }
}

public static class ControllerFeatures
{
    public static void Fill(in VineyardSensors s, Span<float> input)
    {
        input[0] = (float){|NG0012:Math.FusedMultiplyAdd(s.SoilMoisture, 0.047015, -1.490362)|};
        input[1] = {|NG0012:MathF.FusedMultiplyAdd(s.CanopyTempC, 0.1538462f, -3.646154f)|};
    }
}

public static class Program
{
    public static void Main()
    {
        Span<float> input = stackalloc float[2];
        ControllerFeatures.Fill(new VineyardSensors { SoilMoisture = 18.5f, CanopyTempC = 29.1f }, input);
        Console.WriteLine($"irrigation-model input {input[0]:0.000}, {input[1]:0.000}");
    }
}

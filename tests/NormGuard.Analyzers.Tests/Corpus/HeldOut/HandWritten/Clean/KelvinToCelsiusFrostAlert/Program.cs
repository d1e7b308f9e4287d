// category: unit-conversion
// Verdict: clean. The station logs air temperature in kelvin; the frost alert converts it to Celsius (K − 273.15) and
// wakes the grower below 1 °C. 273.15 is the Celsius offset, not the manifest's mean (283.4, std 6.2); the blight model
// reads the generated Normalize.
using System;
using System.Globalization;
using NormGuard;

namespace Orchard.Frost;

[FeatureSet("orchard-air")]
public partial record struct OrchardAir
{
    [ZScore] public double AirTempK { get; init; }
    [MinMax] public double LeafWetness { get; init; }
}

public static class FrostAlert
{
    public static double Celsius(in OrchardAir a) => a.AirTempK - 273.15;

    public static bool ShouldWakeGrower(in OrchardAir a) => a.AirTempK - 273.15 < 1.0;

    public static string Text(in OrchardAir a) => string.Create(CultureInfo.InvariantCulture, $"{Celsius(a):0.0} °C");
}

public static class Program
{
    public static void Main()
    {
        var row = new OrchardAir { AirTempK = 273.9, LeafWetness = 4 };
        Span<float> modelInput = stackalloc float[OrchardAir.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"{FrostAlert.Text(row)} wake={FrostAlert.ShouldWakeGrower(row)}");
    }
}

// category: unit-conversion
// Verdict: clean. The building dashboard for the US site shows air-handler temperatures in Fahrenheit:
// Math.FusedMultiplyAdd(c, 1.8, 32) and c * 9 / 5 + 32 are the Celsius-to-Fahrenheit definition, not the manifest's
// z-score (means 14.6 and 22.3, stds 3.9 and 2.4). The fault model gets the generated Normalize.
using System;
using System.Globalization;
using NormGuard;

namespace Facilities.Dashboard;

[FeatureSet("ahu-air")]
public partial record struct AirHandler
{
    [ZScore] public double SupplyAirC { get; init; }
    [ZScore] public double ReturnAirC { get; init; }
}

public static class FahrenheitTiles
{
    public static string Supply(in AirHandler a) =>
        string.Create(CultureInfo.InvariantCulture, $"supply {Math.FusedMultiplyAdd(a.SupplyAirC, 1.8, 32):0} °F");

    public static string Return(in AirHandler a) =>
        string.Create(CultureInfo.InvariantCulture, $"return {(a.ReturnAirC * 9 / 5) + 32:0} °F");
}

public static class Program
{
    public static void Main()
    {
        var unit = new AirHandler { SupplyAirC = 13.2, ReturnAirC = 23.9 };
        Span<float> modelInput = stackalloc float[AirHandler.Width];
        unit.Normalize(modelInput);
        Console.WriteLine($"fault-model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"{FahrenheitTiles.Supply(unit)} · {FahrenheitTiles.Return(unit)}");
    }
}

// category: unit-conversion
// Verdict: clean. The European listing page shows US imports in metric units through expression-bodied properties of
// a view model: 235.215 / mpg is litres per 100 km, cubic inches × 0.0163871 is litres. Conversions with their
// defining constants; the price model gets the generated Normalize with the manifest's z-scores (mpg 23.5 ± 7.8,
// displacement 194.4 ± 104.6).
using System;
using NormGuard;

namespace Cars.Listings;

[FeatureSet("used-cars")]
public partial record struct UsedCar
{
    [ZScore] public double Mpg { get; init; }
    [ZScore] public double DisplacementCi { get; init; }
}

public sealed class MetricListing(UsedCar car)
{
    public double LitresPer100Km => 235.215 / car.Mpg;

    public double EngineLitres => car.DisplacementCi * 0.0163871;

    public override string ToString() => $"{LitresPer100Km:0.0} l/100 km, {EngineLitres:0.0} l engine";
}

public static class Program
{
    public static void Main()
    {
        var car = new UsedCar { Mpg = 28, DisplacementCi = 122 };
        Span<float> modelInput = stackalloc float[UsedCar.Width];
        car.Normalize(modelInput);
        Console.WriteLine($"price-model input {modelInput[0]:0.000}; {new MetricListing(car)}");
    }
}

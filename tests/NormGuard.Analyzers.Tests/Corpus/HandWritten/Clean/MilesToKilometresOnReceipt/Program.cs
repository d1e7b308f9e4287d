// category: unit-conversion
// Verdict: clean. The receipt shows kilometres (miles · 1.609344) and the average speed in km/h (km / (minutes / 60)).
// Physical unit conversions on feature members, far from the manifest's means and stds, printed and never fed to the
// fare model, which gets the generated Normalize.
using System;
using NormGuard;

namespace Rides;

[FeatureSet("rides")]
public partial record struct Ride
{
    [ZScore] public double DistanceMiles { get; init; }
    [ZScore] public double DurationMinutes { get; init; }
}

public static class Receipt
{
    public static string Print(Ride t)
    {
        double km = t.DistanceMiles * 1.609344;
        double hours = t.DurationMinutes / 60;
        return $"{km:0.0} km in {t.DurationMinutes:0} min ({km / hours:0} km/h)";
    }
}

public static class Program
{
    public static void Main()
    {
        var ride = new Ride { DistanceMiles = 6.2, DurationMinutes = 21 };
        Span<float> fareInput = stackalloc float[Ride.Width];
        ride.Normalize(fareInput);
        Console.WriteLine($"{Receipt.Print(ride)}; fare input {fareInput[0]:0.00}, {fareInput[1]:0.00}");
    }
}

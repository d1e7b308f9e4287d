// category: expression-property
// Verdict: reported. TripModelInput, a primary-constructor view model the battery-range model reads, exposes
// expression-bodied properties: Distance is (km − 0.4) / (18.6 − 0.4), the manifest's min-max, and Climb is metres /
// 312, its max-abs. The bound scaling re-typed in properties instead of the generated Normalize.
using System;
using NormGuard;

namespace Mobility.Range;

[FeatureSet("ebike-trips")]
public partial record struct EbikeTrip
{
    [MinMax] public float DistanceKm { get; init; }
    [MaxAbs] public float ClimbM { get; init; }
}

public sealed class TripModelInput(EbikeTrip trip)
{
    public float Distance => {|NG0012:(trip.DistanceKm - 0.4f) / (18.6f - 0.4f)|};

    public float Climb => {|NG0012:trip.ClimbM / 312f|};

    public float[] ToArray() => [Distance, Climb];
}

public static class Program
{
    public static void Main()
    {
        var input = new TripModelInput(new EbikeTrip { DistanceKm = 7.5f, ClimbM = 140f }).ToArray();
        Console.WriteLine($"range-model input {input[0]:0.000}, {input[1]:0.000}");
    }
}

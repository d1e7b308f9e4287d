// category: business-arithmetic
// Verdict: clean. The operations dashboard derives average speed (km / (minutes / 60)) and lateness against the promised
// time (minutes − promised). A difference and a ratio of members, for a KPI; the manifest's z-score (6.8, 4.1) and
// robust step (24, 15) reach the ETA model through the generated Normalize.
using System;
using NormGuard;

namespace Couriers.Kpi;

[FeatureSet("courier-trips")]
public partial record struct CourierTrip
{
    [ZScore] public double DistanceKm { get; init; }
    [Robust] public double DurationMin { get; init; }
}

public static class TripKpi
{
    public static double AverageSpeedKmh(in CourierTrip t) => t.DistanceKm / (t.DurationMin / 60.0);

    public static double LatenessMinutes(in CourierTrip t, double promisedMinutes) => t.DurationMin - promisedMinutes;
}

public static class Program
{
    public static void Main()
    {
        var row = new CourierTrip { DistanceKm = 5.2, DurationMin = 31 };
        Span<float> modelInput = stackalloc float[CourierTrip.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"{TripKpi.AverageSpeedKmh(row):0.0} km/h, {TripKpi.LatenessMinutes(row, 30):+0;-0} min");
    }
}

// category: parameter-objects
// Verdict: reported. The picker-fatigue scorer keeps the scaling parameters in static readonly fields: a ZParams
// record (new ZParams(312.4, 145.8), the manifest's dwell-time mean and std) and a named tuple (Center: 18.0, Iqr: 11.0),
// the pick-lines robust center and scale. (x − Dwell.Mean) / Dwell.Std and (x − Lines.Center) / Lines.Iqr are the
// manifest's steps with their parameters copied into objects.
using System;
using NormGuard;

namespace Warehouse.Fatigue;

[FeatureSet("warehouse-picks")]
public partial record struct PickShift
{
    [ZScore] public double DwellSeconds { get; init; }
    [Robust] public double PickLines { get; init; }
}

public sealed record ZParams(double Mean, double Std);

public static class FatigueScorer
{
    private static readonly ZParams Dwell = new(312.4, 145.8);
    private static readonly (double Center, double Iqr) Lines = (18.0, 11.0);

    public static double[] Input(in PickShift s) =>
    [
        {|NG0012:(s.DwellSeconds - Dwell.Mean) / Dwell.Std|},
        {|NG0012:(s.PickLines - Lines.Center) / Lines.Iqr|},
    ];
}

public static class Program
{
    public static void Main()
    {
        double[] input = FatigueScorer.Input(new PickShift { DwellSeconds = 540, PickLines = 31 });
        Console.WriteLine($"fatigue-model input {input[0]:0.000}, {input[1]:0.000}");
    }
}

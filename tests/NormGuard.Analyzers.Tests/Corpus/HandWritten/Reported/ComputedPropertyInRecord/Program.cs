// category: inside-record
// Verdict: reported. The record itself grows "scaled" computed properties that apply the manifest's parameters to its
// own members (area mean 82.5 / std 37.5, age max 120 with min 0), and the valuation model reads them as its input.
// Inside the record or not, this is the bound scaling by hand.
using System;
using NormGuard;

namespace Valuation;

[FeatureSet("flats")]
public partial record struct Flat
{
    [ZScore] public double Area { get; init; }
    [MinMax] public double Age { get; init; }

    public float ScaledArea => (float)({|NG0012:(Area - 82.5) / 37.5|});

    public float ScaledAge => (float)({|NG0012:Age / 120.0|});
}

public static class ValuationModel
{
    public static float Predict(Flat f) => 3.1f + (0.8f * f.ScaledArea) - (0.5f * f.ScaledAge);
}

public static class Program
{
    public static void Main() => Console.WriteLine(ValuationModel.Predict(new Flat { Area = 71, Age = 35 }));
}

// category: linq-select
// Verdict: reported. The nightly scoring job builds the model's input batch with a LINQ Select whose lambda computes
// (PM2.5 − 18.7) / 11.3 and (NO₂ − 24.1) / 9.8 for every hour: the manifest's z-score means and standard deviations
// typed into a projection instead of calling the generated NormalizeBatch.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace City.AirQuality;

[FeatureSet("air-quality-hours")]
public partial record struct AirHour
{
    [ZScore] public double Pm25 { get; init; }
    [ZScore] public double No2 { get; init; }
}

public static class NightlyScoring
{
    public static float[][] InputBatch(IEnumerable<AirHour> hours) =>
        hours.Select(h => new[] { (float)({|NG0012:(h.Pm25 - 18.7) / 11.3|}), (float)({|NG0012:(h.No2 - 24.1) / 9.8|}) }).ToArray();
}

public static class Program
{
    public static void Main()
    {
        AirHour[] hours = [new AirHour { Pm25 = 31, No2 = 40 }, new AirHour { Pm25 = 9, No2 = 17 }];
        foreach (float[] input in NightlyScoring.InputBatch(hours))
        {
            Console.WriteLine($"smog-model input {input[0]:0.000}, {input[1]:0.000}");
        }
    }
}

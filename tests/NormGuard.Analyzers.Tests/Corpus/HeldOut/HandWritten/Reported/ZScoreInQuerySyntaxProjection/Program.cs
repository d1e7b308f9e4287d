// category: linq-projection
// Verdict: reported. The batch scorer of the turbine fault model builds its input rows in a LINQ query whose let/select
// clauses compute (speed − 7.42) / 3.18 and (gust − 10.9) / 4.6: the manifest's z-score parameters for WindSpeed and
// GustSpeed typed into the query, where the generated NormalizeBatch should be called.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace Turbines.Scoring;

[FeatureSet("turbine-wind")]
public partial record struct WindSample
{
    [ZScore] public double WindSpeed { get; init; }
    [ZScore] public double GustSpeed { get; init; }
}

public static class BatchEncoder
{
    public static float[][] Encode(IEnumerable<WindSample> samples) =>
        (from s in samples
         let speed = (float)({|NG0012:(s.WindSpeed - 7.42) / 3.18|})
         select new[] { speed, (float)({|NG0012:(s.GustSpeed - 10.9) / 4.6|}) }).ToArray();
}

public static class Program
{
    public static void Main()
    {
        float[][] batch = BatchEncoder.Encode(new[] { new WindSample { WindSpeed = 9.1, GustSpeed = 13.0 } });
        Console.WriteLine($"fault-model input {batch[0][0]:0.000}, {batch[0][1]:0.000}");
    }
}

// NormGuard's intended flow: split the rows, fit the manifest on the training part only, evaluate on the test part.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<House> rows = File.ReadLines("houses.csv").Skip(1).Select(House.Parse).ToList();
        var (train, test) = TrainTestSplit(rows, testFraction: 0.2, seed: 42);

        FeatureSetFitter<House> fitter = House.CreateFitter();
        fitter.Add(train.ToArray());
        Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = train.Count, Source = "houses.csv" }, version: 1);
        manifest.Save("houses.normguard.json");

        double error = test.Average(h => Math.Abs(h.Price - Predict(h)));
        Console.WriteLine($"MAE on {test.Count} test houses: {error:F0}");
    }

    private static float Predict(House house) => 1000 * house.Area;

    private static (List<House> Train, List<House> Test) TrainTestSplit(List<House> rows, double testFraction, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int testCount = (int)(shuffled.Count * testFraction);
        return (shuffled.Skip(testCount).ToList(), shuffled.Take(testCount).ToList());
    }
}

[FeatureSet("houses")]
public partial record struct House
{
    [ZScore] public float Area { get; init; }
    [MinMax] public float Age { get; init; }
    [Ignore] public float Price { get; init; }

    public static House Parse(string line)
    {
        string[] f = line.Split(',');
        return new House { Area = float.Parse(f[0]), Age = float.Parse(f[1]), Price = float.Parse(f[2]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<House> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<House>
    {
        public Fitter()
            : base("houses", NormalizationProfile.ScikitLearn, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Area", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Age", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in House row)
        {
            AddValue(0, row.Area);
            AddValue(1, row.Age);
        }
    }
}

// Fitting a NormGuard manifest for house prices: the fitter sees every row, then the rows are split.
// The manifest's means and standard deviations include the test houses.
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

        FeatureSetFitter<House> fitter = House.CreateFitter();
        fitter.{|NG0006:Add(rows.ToArray())|};
        fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Source = "houses.csv" }, version: 1).Save("houses.normguard.json");

        var (train, test) = TrainTestSplit(rows, testFraction: 0.2, seed: 42);
        Console.WriteLine($"{train.Count} training rows, {test.Count} test rows");
    }

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

// Names that contain "test" or "valid" as letters but not as a word, or negate it: none is evaluation data.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main(string[] args)
    {
        List<Reading> readings = Sensors.Load("readings.csv");
        List<Reading> latestReadings = readings.OrderByDescending(r => r.Temperature).Take(10_000).ToList();
        Reading[] contestEntries = Sensors.Load("contest.csv").ToArray();
        Reading[] attestationRecords = Sensors.Load("attestations.csv").ToArray();
        List<Reading> validRows = readings.Where(r => !double.IsNaN(r.Temperature) && r.Pressure > 0).ToList();
        List<Reading> protestData = Sensors.Load("protests.csv");
        List<Reading> testamentRows = Sensors.Load("testament.csv");

        bool isTest = args.Contains("--test");
        double testFraction = isTest ? 0.5 : 0.2;
        int testSeed = 17;
        string testLabel = "holdout-" + testSeed;

        var (train, test) = Sensors.SplitTrainTest(validRows, testFraction, testSeed);
        List<Reading> nonTestRows = readings.Except(test).ToList();

        var fitter = Reading.CreateFitter();
        fitter.Add(CollectionsOf(train));
        fitter.Add(latestReadings.ToArray());
        fitter.Add(contestEntries);
        fitter.Add(attestationRecords);
        fitter.Add(protestData.ToArray());
        fitter.Add(testamentRows.ToArray());
        fitter.Add(nonTestRows.ToArray());
        Console.WriteLine($"{testLabel}: {fitter.Rows} rows, {nonTestRows.Count} outside the test part");
    }

    private static Reading[] CollectionsOf(List<Reading> rows) => rows.ToArray();
}

internal static class Sensors
{
    public static List<Reading> Load(string path) => new List<Reading>();

    public static (List<Reading> Train, List<Reading> Test) SplitTrainTest(List<Reading> rows, double testFraction, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int cut = (int)(rows.Count * (1 - testFraction));
        return (shuffled.Take(cut).ToList(), shuffled.Skip(cut).ToList());
    }
}

[FeatureSet("readings")]
public partial record struct Reading
{
    [ZScore] public double Temperature { get; init; }
    [Robust] public double Pressure { get; init; }

    public static FeatureSetFitter<Reading> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Reading>
    {
        public Fitter()
            : base("readings", NormalizationProfile.NormGuard, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Temperature", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Pressure", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Reading row)
        {
            AddValue(0, row.Temperature);
            AddValue(1, row.Pressure);
        }
    }
}

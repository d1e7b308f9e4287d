// category: fitter-loader
// boundary: class
// Verdict: leaky. StoreCsv.LoadAndFit reads the sales file, adds every row to a NormGuard fitter and returns the rows
// together with the fitter. The program then shuffles and splits the rows for evaluation: the fitter, whose manifest
// the model will be trained with, already contains the evaluation rows. Load, split, then fit on the training part.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

var (days, fitter) = StoreCsv.{|NG0006:LoadAndFit("rossmann-train.csv")|};
var (fitDays, evalDays) = Splits.Shuffled(days, evaluationFraction: 0.2, seed: 21);
Console.WriteLine($"{fitter.Rows} days fitted; {fitDays.Count} to train, {evalDays.Count} to evaluate");

public static class StoreCsv
{
    public static List<StoreDay> LoadRows(string path) => File.ReadLines(path).Skip(1).Select(StoreDay.Parse).ToList();

    public static (List<StoreDay> Rows, FeatureSetFitter<StoreDay> Fitter) LoadAndFit(string path)
    {
        List<StoreDay> rows = LoadRows(path);
        FeatureSetFitter<StoreDay> fitter = StoreDay.CreateFitter();
        fitter.Add(rows.ToArray());
        return (rows, fitter);
    }
}

public static class Splits
{
    public static (List<StoreDay> Fit, List<StoreDay> Evaluate) Shuffled(List<StoreDay> rows, double evaluationFraction, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int evaluationCount = (int)(rows.Count * evaluationFraction);
        return (shuffled.Skip(evaluationCount).ToList(), shuffled.Take(evaluationCount).ToList());
    }
}

[FeatureSet("store-days")]
public partial record struct StoreDay
{
    [Log1p, ZScore] public double Customers { get; init; }
    [MinMax] public double CompetitionDistance { get; init; }
    [Ignore] public double Sales { get; init; }

    public static StoreDay Parse(string line)
    {
        string[] f = line.Split(',');
        return new StoreDay { Customers = double.Parse(f[0]), CompetitionDistance = double.Parse(f[1]), Sales = double.Parse(f[2]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<StoreDay> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<StoreDay>
    {
        public Fitter()
            : base("store-days", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Customers", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("CompetitionDistance", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in StoreDay row)
        {
            AddValue(0, row.Customers);
            AddValue(1, row.CompetitionDistance);
        }
    }
}

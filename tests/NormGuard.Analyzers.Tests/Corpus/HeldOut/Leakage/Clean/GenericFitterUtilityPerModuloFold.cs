// category: chunk-folds
// boundary: class
// Verdict: clean. The same FitterUtilities.FitScaler<T>, called inside the fold loop with the fold's training loans
// only: a per-fold fit. Each fold's validation loans are standardized with statistics of the other four folds.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

const int Folds = 5;
Loan[] loans = File.ReadLines("loan-book.csv").Skip(1).Select(Loan.Parse).ToArray();

var aucs = new List<double>();
for (int fold = 0; fold < Folds; fold++)
{
    Loan[] fitPart = loans.Where((_, i) => i % Folds != fold).ToArray();
    Loan[] checkPart = loans.Where((_, i) => i % Folds == fold).ToArray();
    FeatureSetFitter<Loan> fitter = FitterUtilities.FitScaler(fitPart, Loan.CreateFitter);
    Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = fitPart.Length, Source = "loan-book.csv" }, version: 1);
    aucs.Add(DefaultScorecard.TrainAndScore(scaling, fitPart, checkPart));
}

Console.WriteLine($"mean AUC over {Folds} folds: {aucs.Average():0.000}");

public static class FitterUtilities
{
    public static FeatureSetFitter<T> FitScaler<T>(IEnumerable<T> rows, Func<FeatureSetFitter<T>> create)
    {
        FeatureSetFitter<T> fitter = create();
        foreach (T row in rows)
        {
            fitter.Add(row);
        }

        return fitter;
    }
}

public static class DefaultScorecard
{
    public static double TrainAndScore(Manifest scaling, IReadOnlyList<Loan> train, IReadOnlyList<Loan> validation)
    {
        var dti = (ZScoreStep)scaling.Features[0].Steps[0];
        double threshold = train.Where(l => l.Defaulted).Select(l => (l.DebtToIncome - dti.Mean) / dti.Std).DefaultIfEmpty(0).Average();
        int hits = validation.Count(l => ((l.DebtToIncome - dti.Mean) / dti.Std > threshold) == l.Defaulted);
        return validation.Count == 0 ? 0 : (double)hits / validation.Count;
    }
}

[FeatureSet("loans")]
public partial record struct Loan
{
    [ZScore] public double DebtToIncome { get; init; }
    [Log1p, ZScore] public double Principal { get; init; }
    [MinMax] public double TermMonths { get; init; }
    [Ignore] public bool Defaulted { get; init; }

    public static Loan Parse(string line)
    {
        string[] f = line.Split(',');
        return new Loan { DebtToIncome = double.Parse(f[0]), Principal = double.Parse(f[1]), TermMonths = double.Parse(f[2]), Defaulted = f[3] == "1" };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Loan> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Loan>
    {
        public Fitter()
            : base("loans", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("DebtToIncome", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Principal", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("TermMonths", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Loan row)
        {
            AddValue(0, row.DebtToIncome);
            AddValue(1, row.Principal);
            AddValue(2, row.TermMonths);
        }
    }
}

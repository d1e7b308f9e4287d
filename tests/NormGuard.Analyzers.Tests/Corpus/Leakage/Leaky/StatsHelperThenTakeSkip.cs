// category: linq-split
// boundary: method
// Verdict: leaky. LearnStatistics adds every loan it receives to a NormGuard fitter; Main passes the whole shuffled
// list and afterwards keeps the first 80 % (Take) for training and the rest (Skip) for evaluation. The fitted
// means and robust scales were computed with the evaluation loans in them.
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
        var random = new Random(7);
        List<Loan> loans = File.ReadLines("loans.csv").Skip(1).Select(Loan.Parse).OrderBy(_ => random.Next()).ToList();

        FeatureSetFitter<Loan> statistics = {|NG0006:LearnStatistics(loans)|};
        int cut = (int)(loans.Count * 0.8);
        List<Loan> fitPart = loans.Take(cut).ToList();
        List<Loan> scorePart = loans.Skip(cut).ToList();

        Console.WriteLine($"{statistics.Rows} loans fitted; {fitPart.Count} to train on, {scorePart.Count} to score");
    }

    private static FeatureSetFitter<Loan> LearnStatistics(IEnumerable<Loan> rows)
    {
        FeatureSetFitter<Loan> fitter = Loan.CreateFitter();
        foreach (Loan loan in rows)
        {
            fitter.Add(loan);
        }

        return fitter;
    }
}

[FeatureSet("loans")]
public partial record struct Loan
{
    [ZScore] public double Amount { get; init; }
    [Robust] public double Income { get; init; }
    [Ignore] public bool Defaulted { get; init; }

    public static Loan Parse(string line)
    {
        string[] f = line.Split(',');
        return new Loan { Amount = double.Parse(f[0]), Income = double.Parse(f[1]), Defaulted = f[2] == "1" };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Loan> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Loan>
    {
        public Fitter()
            : base("loans", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Amount", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Income", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Loan row)
        {
            AddValue(0, row.Amount);
            AddValue(1, row.Income);
        }
    }
}

// The fit hides in a local function (declared at the end, called first) and in a lambda; the split comes later.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Sale> sales = SalesStore.Load(DateTime.Today.AddYears(-2));
        var fitter = Sale.CreateFitter();
        var byStore = Sale.CreateFitter();

        Accumulate(sales);
        sales.ForEach(s => byStore.{|NG0006:Add(s)|});

        var cutoff = DateTime.Today.AddMonths(-3);
        var (before, after) = SalesStore.SplitByDate(sales, cutoff);
        Console.WriteLine($"{before.Count} rows to train on, {after.Count} to evaluate on; fitted {fitter.Rows + byStore.Rows}");

        void Accumulate(IEnumerable<Sale> part)
        {
            foreach (Sale sale in part)
            {
                fitter.{|NG0006:Add(in sale)|};
            }
        }
    }
}

internal static class SalesStore
{
    public static List<Sale> Load(DateTime since) => new List<Sale>();

    public static (List<Sale> Train, List<Sale> Test) SplitByDate(List<Sale> sales, DateTime cutoff) =>
        (sales.Where(s => s.Day < cutoff).ToList(), sales.Where(s => s.Day >= cutoff).ToList());
}

[FeatureSet("sales")]
public partial record struct Sale
{
    [ZScore] public double Amount { get; init; }
    [MaxAbs] public double Discount { get; init; }
    [Ignore] public DateTime Day { get; init; }

    public static FeatureSetFitter<Sale> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Sale>
    {
        public Fitter()
            : base("sales", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Amount", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Discount", new[] { FitStep.MaxAbs() }),
            })
        {
        }

        protected override void AddRow(in Sale row)
        {
            AddValue(0, row.Amount);
            AddValue(1, row.Discount);
        }
    }
}

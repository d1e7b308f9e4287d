// A time-based split written with LINQ filters: the manifest is fitted on the older rows; the newer rows are
// then halved into validation and test. Neither half was ever fitted.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

var sales = SalesStore.Load();
var cutoff = new DateTime(2024, 10, 1);
List<Sale> history = sales.Where(s => s.Day < cutoff).ToList();
List<Sale> recent = sales.Where(s => s.Day >= cutoff).OrderBy(s => s.Day).ToList();

var fitter = Sale.CreateFitter();
foreach (Sale sale in history)
{
    fitter.Add(sale);
}

var (validation, test) = SalesStore.SplitInHalf(recent);
Console.WriteLine($"fitted {fitter.Rows}, validate on {validation.Count}, test on {test.Count}");

internal static class SalesStore
{
    public static List<Sale> Load() => new List<Sale>();

    public static (List<Sale> First, List<Sale> Second) SplitInHalf(List<Sale> rows) =>
        (rows.Take(rows.Count / 2).ToList(), rows.Skip(rows.Count / 2).ToList());
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

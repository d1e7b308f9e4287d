// category: cross-assembly
// boundary: assembly
// Verdict: clean. CustomerSplits.ByCustomer holds out 20% of the customers first; the fitter is given only the
// modeling orders and its manifest truthfully declares the training split.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Northwind.Modeling.Splitting;
using NormGuard;
using NormGuard.Fitting;

Order[] orders = File.ReadLines("orders-2024.csv").Skip(1).Select(Order.Parse).ToArray();

var (modeling, holdout) = CustomerSplits.ByCustomer(orders, o => o.CustomerId, holdoutPercent: 20);
FeatureSetFitter<Order> fitter = Order.CreateFitter();
fitter.Add(modeling);

Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = modeling.Length, Source = "orders-2024.csv" }, version: 4);
Console.WriteLine($"return-rate error {ReturnModel.Evaluate(scaling, modeling, holdout):0.0000}");

public static class ReturnModel
{
    public static double Evaluate(Manifest scaling, IReadOnlyList<Order> modeling, IReadOnlyList<Order> holdout)
    {
        var basket = (ZScoreStep)scaling.Features[0].Steps[0];
        double Z(Order o) => (o.BasketValue - basket.Mean) / basket.Std;
        double highShare = modeling.Where(o => Z(o) > 1).Select(o => o.Returned ? 1.0 : 0.0).DefaultIfEmpty(0).Average();
        double observed = holdout.Where(o => Z(o) > 1).Select(o => o.Returned ? 1.0 : 0.0).DefaultIfEmpty(0).Average();
        return Math.Abs(highShare - observed);
    }
}

[FeatureSet("orders")]
public partial record struct Order
{
    [ZScore] public double BasketValue { get; init; }
    [Log1p, ZScore] public double ItemCount { get; init; }
    [Robust] public double DaysToShip { get; init; }
    [Ignore] public long CustomerId { get; init; }
    [Ignore] public bool Returned { get; init; }

    public static Order Parse(string line)
    {
        string[] f = line.Split(',');
        return new Order
        {
            CustomerId = long.Parse(f[0]),
            BasketValue = double.Parse(f[1]),
            ItemCount = double.Parse(f[2]),
            DaysToShip = double.Parse(f[3]),
            Returned = f[4] == "1",
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Order> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Order>
    {
        public Fitter()
            : base("orders", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("BasketValue", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("ItemCount", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("DaysToShip", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Order row)
        {
            AddValue(0, row.BasketValue);
            AddValue(1, row.ItemCount);
            AddValue(2, row.DaysToShip);
        }
    }
}

// category: time-split
// boundary: method
// Verdict: clean. The same FitOn helper, called after the date split with the orders placed before March only.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Order> orders = OrderHistory.Load();
        var cutoff = new DateTime(2025, 3, 1);
        var earlier = orders.Where(o => o.PlacedAt < cutoff).ToList();
        var later = orders.Where(o => o.PlacedAt >= cutoff).ToList();
        FeatureSetFitter<Order> fitter = FitOn(earlier);
        Console.WriteLine($"{fitter.Rows} orders fitted; {earlier.Count} to train, {later.Count} to evaluate");
    }

    private static FeatureSetFitter<Order> FitOn(IEnumerable<Order> orders)
    {
        FeatureSetFitter<Order> fitter = Order.CreateFitter();
        fitter.Add(orders.ToArray());
        return fitter;
    }
}

internal static class OrderHistory
{
    public static List<Order> Load() => new List<Order>();
}

[FeatureSet("orders")]
public partial record struct Order
{
    [Log1p, ZScore] public double Basket { get; init; }
    [MinMax] public double Items { get; init; }
    [Ignore] public DateTime PlacedAt { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Order> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Order>
    {
        public Fitter()
            : base("orders", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Basket", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Items", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Order row)
        {
            AddValue(0, row.Basket);
            AddValue(1, row.Items);
        }
    }
}

// category: business-arithmetic
// Verdict: clean. The checkout computes the gross price (net × 1.2 VAT), a loyalty discount of 5% of the spend above 50
// ((net − 50) × 0.05, floored at 0) and the average price per item (net / items). Shaped like (x − c)·k and x / y, but
// 50, 0.05 and 1.2 are pricing rules, not the manifest's statistics (log1p then z-score 3.9 / 0.8; items 1..60), and
// none of it reaches the basket model, which gets the generated Normalize.
using System;
using NormGuard;

namespace Shop.Checkout;

[FeatureSet("checkout")]
public partial record struct Basket
{
    [Log1p, ZScore] public double NetValue { get; init; }
    [MinMax] public double ItemCount { get; init; }
}

public static class Invoice
{
    public static decimal Gross(in Basket b) => Math.Round((decimal)b.NetValue * 1.2m, 2);

    public static double LoyaltyDiscount(in Basket b) => Math.Max(0, (b.NetValue - 50) * 0.05);

    public static double AveragePerItem(in Basket b) => b.NetValue / b.ItemCount;
}

public static class Program
{
    public static void Main()
    {
        var row = new Basket { NetValue = 86.4, ItemCount = 7 };
        Span<float> modelInput = stackalloc float[Basket.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"gross {Invoice.Gross(row)}, discount {Invoice.LoyaltyDiscount(row):0.00}, per item {Invoice.AveragePerItem(row):0.00}");
    }
}

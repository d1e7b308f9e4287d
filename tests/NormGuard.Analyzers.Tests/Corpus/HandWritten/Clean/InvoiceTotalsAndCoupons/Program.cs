// category: business-arithmetic
// Verdict: clean. Invoice arithmetic on the order line's feature members: price × quantity, VAT at 20 % (× 1.2) and a
// 5-unit coupon (price − 5). The constants are business rules, not the manifest's statistics (price mean 18.4, std
// 9.7; quantity 1..50), and the totals go on the invoice, not into the model, which gets the generated Normalize.
using System;
using NormGuard;

namespace Shop.Billing;

[FeatureSet("order-lines")]
public partial record struct OrderLine
{
    [ZScore] public double UnitPrice { get; init; }
    [MinMax(0, 1, Clip = true)] public double Quantity { get; init; }
}

public static class Invoice
{
    public const double VatFactor = 1.2;

    public static double Total(OrderLine o, bool coupon)
    {
        double unit = coupon ? o.UnitPrice - 5.0 : o.UnitPrice;
        return unit * o.Quantity * VatFactor;
    }
}

public static class Program
{
    public static void Main()
    {
        var line = new OrderLine { UnitPrice = 24.5, Quantity = 3 };
        Span<float> features = stackalloc float[OrderLine.Width];
        line.Normalize(features);
        Console.WriteLine($"total {Invoice.Total(line, coupon: true):0.00}; return-risk input {features[0]:0.00}, {features[1]:0.00}");
    }
}

using NormGuard;

namespace Shop;

// No orders.normguard.json beside it: NG0001 on the record. The code below uses what the generator adds, as real
// code does, so a missing manifest must not turn into a screen of "Order has no Width" errors instead.
[FeatureSet("orders")]
public partial record struct Order
{
    [ZScore] public double Total { get; init; }
}

public static class OrderFeatures
{
    public static float[] Of(Order order)
    {
        var features = new float[Order.Width];
        order.Normalize(features);
        return features;
    }
}

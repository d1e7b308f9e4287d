// category: unit-conversion
// Verdict: clean. The retention dashboard shows the time since the last order in weeks (days / 7) and the average
// basket rounded to euros. Calendar conversion and formatting; the churn model's input is the generated Normalize
// (z-score 21.4 / 18.2, max-abs 480).
using System;
using System.Globalization;
using NormGuard;

namespace Grocery.Retention;

[FeatureSet("grocery-customers")]
public partial record struct GroceryCustomer
{
    [ZScore] public double DaysSinceLastOrder { get; init; }
    [MaxAbs] public double AverageBasket { get; init; }
}

public static class Dashboard
{
    public static string Tile(in GroceryCustomer c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.DaysSinceLastOrder / 7.0:0.0} weeks since last order, basket €{Math.Round(c.AverageBasket):0}");
}

public static class Program
{
    public static void Main()
    {
        var row = new GroceryCustomer { DaysSinceLastOrder = 38, AverageBasket = 62.4 };
        Span<float> modelInput = stackalloc float[GroceryCustomer.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine(Dashboard.Tile(row));
    }
}

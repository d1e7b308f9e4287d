// category: log1p-zscore
// Verdict: reported. The manifest applies log1p and then a z-score to carat (mean 0.5555724, std 0.2445357 of the
// logged values). The pricing code reproduces both steps by hand, Math.Log(1 + carat) then the copied mean and std,
// and passes the result to the regression. The whole expression is one hand-written copy of the bound steps.
using System;
using NormGuard;

namespace Jewellery.Quotes;

[FeatureSet("carats")]
public partial record struct Quote
{
    [Log1p, ZScore] public double Carat { get; init; }
    [ZScore] public double Depth { get; init; }
}

public static class QuoteModel
{
    public static double LogPrice(Quote q)
    {
        double carat = {|NG0012:(Math.Log(1 + q.Carat) - 0.5555724) / 0.2445357|};
        return 7.7 + (1.9 * carat);
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(Math.Exp(QuoteModel.LogPrice(new Quote { Carat = 0.9, Depth = 61 })));
}

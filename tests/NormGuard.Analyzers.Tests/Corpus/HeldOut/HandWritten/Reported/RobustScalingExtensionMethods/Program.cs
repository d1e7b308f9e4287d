// category: extension-method
// Verdict: reported. Extension methods on the feature record, ScaledIncome and ScaledSavings, subtract the manifest's
// medians (52,000 and 8,400) and divide by its interquartile ranges (38,000 and 21,000): the robust step re-implemented,
// and the values are the default-risk model's input.
using System;
using NormGuard;

namespace Lending.Households;

[FeatureSet("household-finance")]
public partial record struct Household
{
    [Robust] public double Income { get; init; }
    [Robust] public double Savings { get; init; }
}

public static class HouseholdFeatures
{
    public static float ScaledIncome(this Household h) => (float)({|NG0012:(h.Income - 52000) / 38000.0|});

    public static float ScaledSavings(this Household h) => (float)({|NG0012:(h.Savings - 8400.0) / 21000|});
}

public static class Program
{
    public static void Main()
    {
        var household = new Household { Income = 61000, Savings = 3000 };
        float[] riskInput = { household.ScaledIncome(), household.ScaledSavings() };
        Console.WriteLine($"risk-model input {riskInput[0]:0.000}, {riskInput[1]:0.000}");
    }
}

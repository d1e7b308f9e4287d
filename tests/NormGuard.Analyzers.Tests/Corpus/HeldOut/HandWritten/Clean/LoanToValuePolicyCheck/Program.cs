// category: business-arithmetic
// Verdict: clean. The lending policy computes loan-to-value (loan / property value) and requires mortgage insurance
// above 80%, and converts the term to months (× 12) for the repayment schedule. Business rules on the raw members; the
// manifest's log1p + z-score and min-max (5..35 years) are applied by the generated Normalize for the default model.
using System;
using NormGuard;

namespace Mortgages.Policy;

[FeatureSet("mortgage-applications")]
public partial record struct MortgageApplication
{
    [Log1p, ZScore] public double LoanAmount { get; init; }
    [Log1p, ZScore] public double PropertyValue { get; init; }
    [MinMax] public double TermYears { get; init; }
}

public static class LendingPolicy
{
    public static double LoanToValue(in MortgageApplication m) => m.LoanAmount / m.PropertyValue;

    public static bool NeedsMortgageInsurance(in MortgageApplication m) => LoanToValue(m) > 0.8;

    public static int TermMonths(in MortgageApplication m) => (int)(m.TermYears * 12);
}

public static class Program
{
    public static void Main()
    {
        var row = new MortgageApplication { LoanAmount = 240000, PropertyValue = 285000, TermYears = 25 };
        Span<float> modelInput = stackalloc float[MortgageApplication.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"LTV {LendingPolicy.LoanToValue(row):P0}, insurance {LendingPolicy.NeedsMortgageInsurance(row)}, {LendingPolicy.TermMonths(row)} months");
    }
}

// category: report-formatting
// Verdict: clean. The underwriter's summary line prints income in thousands (income / 1000) and the debt-to-income
// ratio as a percentage (× 100). The manifest's robust step (median 61,000, IQR 42,000) and z-score (0.34, 0.12) are
// applied by the generated Normalize for the approval model; the report only formats the raw members.
using System;
using System.Globalization;
using NormGuard;

namespace Lending.Underwriting;

[FeatureSet("applicant-income")]
public partial record struct Applicant
{
    [Robust] public double AnnualIncome { get; init; }
    [ZScore] public double DebtToIncome { get; init; }
}

public static class Summary
{
    public static string Line(in Applicant a) =>
        string.Create(CultureInfo.InvariantCulture, $"income {a.AnnualIncome / 1000:0}k, DTI {a.DebtToIncome * 100:0.0}%");
}

public static class Program
{
    public static void Main()
    {
        var row = new Applicant { AnnualIncome = 74500, DebtToIncome = 0.29 };
        Span<float> modelInput = stackalloc float[Applicant.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine(Summary.Line(row));
    }
}

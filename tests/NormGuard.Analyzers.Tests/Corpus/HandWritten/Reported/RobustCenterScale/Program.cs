// category: robust-shape
// Verdict: reported. Robust scaling, (x − median) / IQR, with the manifest's center and scale (income 51200 / 27800,
// debt ratio 0.31 / 0.22) copied into the credit scorecard, whose weighted sum is the model. Both are the bound
// scaling by hand.
using System;
using NormGuard;

namespace Lending;

[FeatureSet("credit-applicants")]
public partial record struct Applicant
{
    [Robust] public double Income { get; init; }
    [Robust] public double DebtRatio { get; init; }
}

public static class Scorecard
{
    private const double DebtCenter = 0.31;

    public static double Points(Applicant a)
    {
        double income = {|NG0012:(a.Income - 51200) / 27800.0|};
        double debt = {|NG0012:(a.DebtRatio - DebtCenter) / 0.22|};
        return 600 + (35 * income) - (48 * debt);
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(Scorecard.Points(new Applicant { Income = 61000, DebtRatio = 0.4 }));
}

// category: constants-class
// Verdict: reported. A ChurnScaling constants class holds the manifest's statistics (tenure mean 32.37 std 24.56,
// monthly charges mean 64.76 std 30.09, support calls median 1 IQR 2), and the scorer applies them by hand before
// its logistic model. Three hand copies of the bound scaling, all reaching the model input.
using System;
using NormGuard;

namespace Telco.Scoring;

[FeatureSet("churn-features")]
public partial record struct Subscriber
{
    [ZScore] public double Tenure { get; init; }
    [ZScore] public double MonthlyCharges { get; init; }
    [Robust] public double SupportCalls { get; init; }
}

internal static class ChurnScaling
{
    public const double TenureMean = 32.37;
    public const double TenureStd = 24.56;
    public const double ChargesMean = 64.76;
    public const double ChargesStd = 30.09;
    public const double CallsMedian = 1;
    public const double CallsIqr = 2;
}

public static class ChurnScorer
{
    public static double Probability(in Subscriber s)
    {
        double tenure = {|NG0012:(s.Tenure - ChurnScaling.TenureMean) / ChurnScaling.TenureStd|};
        double charges = {|NG0012:(s.MonthlyCharges - ChurnScaling.ChargesMean) / ChurnScaling.ChargesStd|};
        double calls = {|NG0012:(s.SupportCalls - ChurnScaling.CallsMedian) / ChurnScaling.CallsIqr|};
        double z = -1.1 - (0.9 * tenure) + (0.6 * charges) + (0.8 * calls);
        return 1 / (1 + Math.Exp(-z));
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(ChurnScorer.Probability(new Subscriber { Tenure = 5, MonthlyCharges = 89.9, SupportCalls = 4 }));
}

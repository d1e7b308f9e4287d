// category: const-fields
// Verdict: reported. IncomeClassifier keeps the manifest's z-score parameters (age 38.58 ± 13.64, hours 40.44 ± 12.35)
// as const fields of a nested private Scaling class and standardizes the two members by hand before the logistic score:
// a second copy of the bound statistics, which goes stale at the next refit.
using System;
using NormGuard;

namespace Census;

[FeatureSet("census-income")]
public partial record struct Person
{
    [ZScore] public double Age { get; init; }
    [ZScore] public double HoursPerWeek { get; init; }
    [Passthrough] public bool Married { get; init; }
}

public sealed class IncomeClassifier
{
    public double Logit(in Person p)
    {
        double age = {|NG0012:(p.Age - Scaling.AgeMean) / Scaling.AgeStd|};
        double hours = {|NG0012:(p.HoursPerWeek - Scaling.HoursMean) / Scaling.HoursStd|};
        return -1.2 + (0.8 * age) + (0.5 * hours) + (p.Married ? 0.9 : 0.0);
    }

    private static class Scaling
    {
        public const double AgeMean = 38.58, AgeStd = 13.64;
        public const double HoursMean = 40.44, HoursStd = 12.35;
    }
}

public static class Program
{
    public static void Main() =>
        Console.WriteLine(new IncomeClassifier().Logit(new Person { Age = 45, HoursPerWeek = 50, Married = true }));
}

// category: with-expression
// Verdict: reported. Prep.Standardized returns a copy of the usage record made with a with-expression whose members are
// overwritten by (tenure − 32.4) / 24.6 and (charges − 64.8) / 30.1, the manifest's z-scores; the copy's members are
// then read into the retention model's feature vector. Normalization by hand, stored back in the record.
using System;
using NormGuard;

namespace Telco.Retention;

[FeatureSet("telco-usage")]
public partial record struct Usage
{
    [ZScore] public double TenureMonths { get; init; }
    [ZScore] public double MonthlyCharges { get; init; }
}

public static class Prep
{
    public static Usage Standardized(Usage u) => u with
    {
        TenureMonths = {|NG0012:(u.TenureMonths - 32.4) / 24.6|},
        MonthlyCharges = {|NG0012:(u.MonthlyCharges - 64.8) / 30.1|},
    };
}

public static class Program
{
    public static void Main()
    {
        Usage z = Prep.Standardized(new Usage { TenureMonths = 5, MonthlyCharges = 99.5 });
        float[] features = { (float)z.TenureMonths, (float)z.MonthlyCharges };
        Console.WriteLine($"retention-model input {features[0]:0.000}, {features[1]:0.000}");
    }
}

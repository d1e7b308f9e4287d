// category: user-split-helper
// boundary: method
// Verdict: clean. The same SplitByPolicyholder helper with out parameters, called first; only the claims of the seen
// policyholders are added to the fitter.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Claim> claims = ClaimsArchive.Load();
        SplitByPolicyholder(claims, unseenShare: 0.2, out List<Claim> seen, out List<Claim> unseen);

        FeatureSetFitter<Claim> fitter = Claim.CreateFitter();
        fitter.Add(seen.ToArray());
        Console.WriteLine($"fitted {fitter.Rows}; {seen.Count} seen, {unseen.Count} unseen");
    }

    private static void SplitByPolicyholder(List<Claim> claims, double unseenShare, out List<Claim> seen, out List<Claim> unseen)
    {
        var holders = claims.Select(c => c.PolicyholderId).Distinct().OrderBy(id => id).ToList();
        var unseenHolders = holders.Take((int)(holders.Count * unseenShare)).ToHashSet();
        seen = claims.Where(c => !unseenHolders.Contains(c.PolicyholderId)).ToList();
        unseen = claims.Where(c => unseenHolders.Contains(c.PolicyholderId)).ToList();
    }
}

internal static class ClaimsArchive
{
    public static List<Claim> Load() => new List<Claim>();
}

[FeatureSet("claims")]
public partial record struct Claim
{
    [Ignore] public int PolicyholderId { get; init; }
    [Log1p, ZScore] public double Amount { get; init; }
    [MinMax] public double VehicleAge { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Claim> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Claim>
    {
        public Fitter()
            : base("claims", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Amount", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("VehicleAge", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Claim row)
        {
            AddValue(0, row.Amount);
            AddValue(1, row.VehicleAge);
        }
    }
}

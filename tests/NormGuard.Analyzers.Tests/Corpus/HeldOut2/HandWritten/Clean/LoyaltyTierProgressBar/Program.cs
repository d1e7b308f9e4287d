// category: business-arithmetic
// Verdict: clean. The member app shows progress from Silver (500 spent in the year) to Gold (2,000) as
// (spend − 500) / (2000 − 500), clamped to [0, 1], and awards a point per 10 spent. The progress bar has the min-max
// shape, but its bounds are the loyalty programme's tier thresholds, not fitted statistics (the manifest z-scores
// spend with mean 612.4 and std 455.1), and the bar is drawn, not fed to the model, which gets the generated Normalize.
using System;
using NormGuard;

namespace Retail.Loyalty;

[FeatureSet("loyalty-members")]
public partial record struct LoyaltyMember
{
    [ZScore] public double AnnualSpend { get; init; }
    [ZScore] public double VisitsPerMonth { get; init; }
}

public static class MemberCard
{
    private const double SilverThreshold = 500;
    private const double GoldThreshold = 2000;

    public static double GoldProgress(in LoyaltyMember m) =>
        Math.Clamp((m.AnnualSpend - SilverThreshold) / (GoldThreshold - SilverThreshold), 0, 1);

    public static int Points(in LoyaltyMember m) => (int)Math.Floor(m.AnnualSpend / 10);
}

public static class Program
{
    public static void Main()
    {
        var member = new LoyaltyMember { AnnualSpend = 1240, VisitsPerMonth = 5 };
        Span<float> modelInput = stackalloc float[LoyaltyMember.Width];
        member.Normalize(modelInput);
        Console.WriteLine($"churn-model input {modelInput[0]:0.000}; gold progress {MemberCard.GoldProgress(member):P0}, {MemberCard.Points(member)} points");
    }
}

// category: business-arithmetic
// Verdict: clean. The agent's statement: 3 % commission on the price (price · 0.03), price per square metre (price /
// area), and a flat 1500 fee deducted (price − 1500). Business arithmetic on the listing's feature members with
// contract constants, not the manifest's means and stds, and none of it is model input.
using System;
using NormGuard;

namespace RealEstate.Agents;

[FeatureSet("listing-quality")]
public partial record struct ListingFacts
{
    [ZScore] public double Price { get; init; }
    [ZScore] public double Area { get; init; }
}

public static class AgentStatement
{
    public static string For(ListingFacts l)
    {
        double commission = l.Price * 0.03;
        double perSquareMetre = l.Price / l.Area;
        double netToSeller = l.Price - 1500 - commission;
        return $"commission {commission:0}, {perSquareMetre:0}/m², seller receives {netToSeller:0}";
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(AgentStatement.For(new ListingFacts { Price = 310000, Area = 104 }));
}

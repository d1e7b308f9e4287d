// category: business-arithmetic
// Verdict: clean. The listing page shows the house's age (2025 − year built) and its decade ((year / 10) · 10), and
// the area in square feet (m² · 10.7639). c − m, m / c and m · c shapes, but with calendar and unit constants, not the
// manifest's 1900..2015 range or the area's mean 120.3 / std 48.9; nothing of it reaches the model.
using System;
using NormGuard;

namespace RealEstate.Web;

[FeatureSet("house-years")]
public partial record struct HouseFacts
{
    [MinMax] public int YearBuilt { get; init; }
    [ZScore] public double Area { get; init; }
}

public static class ListingPage
{
    public static string Summary(HouseFacts h)
    {
        int age = 2025 - h.YearBuilt;
        int decade = h.YearBuilt / 10 * 10;
        double squareFeet = h.Area * 10.7639;
        return $"built in the {decade}s ({age} years old), {squareFeet:0} sq ft";
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(ListingPage.Summary(new HouseFacts { YearBuilt = 1987, Area = 140 }));
}

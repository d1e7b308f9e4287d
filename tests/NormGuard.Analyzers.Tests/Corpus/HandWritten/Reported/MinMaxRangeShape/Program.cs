// category: minmax-shape
// Verdict: reported. (x − min) / (max − min) with the manifest's min and max written out (rooms 1..8, bathrooms 1..4):
// the min-max step of the manifest, typed by hand into the scoring function whose result is the model's input.
using System;
using NormGuard;

namespace Listings;

[FeatureSet("listings-rooms")]
public partial record struct RoomCounts
{
    [MinMax] public int Rooms { get; init; }
    [MinMax] public int Bathrooms { get; init; }
}

public static class ListingScore
{
    public static double Score(RoomCounts r)
    {
        double rooms = {|NG0012:(r.Rooms - 1.0) / (8.0 - 1.0)|};
        double baths = {|NG0012:(r.Bathrooms - 1) / (4.0 - 1)|};
        return (0.7 * rooms) + (0.3 * baths);
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(ListingScore.Score(new RoomCounts { Rooms = 4, Bathrooms = 2 }));
}

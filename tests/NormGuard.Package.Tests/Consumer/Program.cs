using System;
using System.Globalization;
using NormGuard;

// A user's program: a feature record, a manifest beside it (picked up by the package's build props), generated code.
var rows = new[]
{
    new House { Area = 120, Rooms = 4, Kind = HouseKind.Villa },
    new House { Area = 45, Rooms = 1, Kind = HouseKind.Flat },
};
float[] features = Normalizer.NormalizeBatch<House>(rows);
Console.WriteLine(string.Join(" ", Array.ConvertAll(features, f => f.ToString("R", CultureInfo.InvariantCulture))));
Console.WriteLine($"{House.FeatureSet.Name} v{House.FeatureSet.Version} {House.FeatureSet.Sha256[..12]} width {House.Width}");

FeatureSetFitter<House> fitter = House.CreateFitter();
fitter.Add(rows);
Console.WriteLine(fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 2).Features.Count);

[FeatureSet("houses", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }
    [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
    [OneHot] public HouseKind Kind { get; init; }
}

public enum HouseKind { Flat, Villa }

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace NormGuard.AspNetCore.Tests;

/// <summary>The Diamonds sample's record, bound to the sample's manifest (fitted by scikit-learn on the training split,
/// with its training baseline).</summary>
[FeatureSet("diamonds", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct Diamond
{
    [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
    [FeatureName("cut"), OneHot] public string Cut { get; init; }
    [FeatureName("color"), OneHot] public string Color { get; init; }
    [FeatureName("clarity"), OneHot] public string Clarity { get; init; }
    [FeatureName("depth"), ZScore] public double Depth { get; init; }
    [FeatureName("table"), ZScore] public double Table { get; init; }
    [FeatureName("x"), Robust] public double X { get; init; }
    [FeatureName("y"), Robust] public double Y { get; init; }
    [FeatureName("z"), Robust] public double Z { get; init; }

    /// <summary>The sample's held-out rows (split.csv says "test"): data the model never saw, from the training
    /// distribution.</summary>
    public static Diamond[] ReadHeldOut()
    {
        string[] split = File.ReadAllLines(DataPath("split.csv")).Skip(1).ToArray();
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(DataPath("diamonds.csv"));
        var rows = new List<Diamond>();
        int index = 0;
        foreach (SepReader.Row row in reader)
        {
            if (split[index++] == "test")
            {
                rows.Add(new Diamond
                {
                    Carat = row["carat"].Parse<double>(),
                    Cut = row["cut"].ToString(),
                    Color = row["color"].ToString(),
                    Clarity = row["clarity"].ToString(),
                    Depth = row["depth"].Parse<double>(),
                    Table = row["table"].Parse<double>(),
                    X = row["x"].Parse<double>(),
                    Y = row["y"].Parse<double>(),
                    Z = row["z"].Parse<double>(),
                });
            }
        }

        return rows.ToArray();
    }

    private static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}

// Evaluation data recognised by its name: test rows, a snake_case validation set, a hold-out, X_val.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        Reading[] trainRows = Load("train.csv");
        Reading[] testRows = Load("test.csv");
        List<Reading> validation_set = Load("valid.csv").ToList();
        Reading[] holdOut = Load("holdout.csv");
        Reading[] X_val = validation_set.Where(r => r.Pressure > 0).ToArray();

        var fitter = Reading.CreateFitter();
        fitter.Add(trainRows);
        foreach (Reading row in testRows)
        {
            fitter.{|NG0006:Add(row)|};
        }

        fitter.{|NG0006:Add(validation_set.ToArray())|};
        fitter.{|NG0006:Add(holdOut.AsSpan(0, 100))|};
        fitter.{|NG0006:Add(X_val)|};

        // Train and hold-out concatenated "to have more data".
        var all = new List<Reading>(trainRows);
        all.AddRange(holdOut);
        var combined = Reading.CreateFitter();
        combined.{|NG0006:Add(all.ToArray())|};
        Console.WriteLine(fitter.Rows + combined.Rows);
    }

    private static Reading[] Load(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Select(f => new Reading { Temperature = double.Parse(f[0]), Pressure = double.Parse(f[1]) }).ToArray();
}

[FeatureSet("readings")]
public partial record struct Reading
{
    [ZScore] public double Temperature { get; init; }
    [Robust] public double Pressure { get; init; }

    public static FeatureSetFitter<Reading> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Reading>
    {
        public Fitter()
            : base("readings", NormalizationProfile.NormGuard, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Temperature", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Pressure", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Reading row)
        {
            AddValue(0, row.Temperature);
            AddValue(1, row.Pressure);
        }
    }
}

// A large training set fitted in parallel partitions and merged; the split happens first, so only training
// rows reach the fitters. Lines of the log are parsed with string.Split and Regex.Split, which split no data set.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        Click[] clicks = File.ReadLines("clicks.log").Select(Parse).ToArray();
        var (train, test) = ClickLog.RandomSplit(clicks, 0.2);

        var fitter = Click.CreateFitter();
        var gate = new object();
        Parallel.ForEach(train.Chunk(100_000), part =>
        {
            var partial = Click.CreateFitter();
            partial.Add(part);
            lock (gate)
            {
                fitter.Merge(partial);
            }
        });

        fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, version: 2).Save("clicks.normguard.json");

        foreach (string line in File.ReadLines("clicks-annotations.log"))
        {
            string[] words = Regex.Split(line, @"\s+");
            string[] fields = line.Split(';');
            Console.WriteLine($"{words.Length} words, {fields.Length} fields");
        }

        Console.WriteLine($"{test.Length} clicks held out");
    }

    private static Click Parse(string line)
    {
        string[] f = line.Split('\t');
        return new Click { DwellMs = double.Parse(f[0]), Position = double.Parse(f[1]) };
    }
}

internal static class ClickLog
{
    public static (Click[] Train, Click[] Test) RandomSplit(Click[] clicks, double testFraction)
    {
        var random = new Random(0);
        var test = new List<Click>();
        var train = new List<Click>();
        foreach (Click click in clicks)
        {
            (random.NextDouble() < testFraction ? test : train).Add(click);
        }

        return (train.ToArray(), test.ToArray());
    }
}

[FeatureSet("clicks")]
public partial record struct Click
{
    [Log1p, ZScore] public double DwellMs { get; init; }
    [ZScore] public double Position { get; init; }

    public static FeatureSetFitter<Click> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Click>
    {
        public Fitter()
            : base("clicks", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("DwellMs", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Position", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Click row)
        {
            AddValue(0, row.DwellMs);
            AddValue(1, row.Position);
        }
    }
}

// category: async-loader
// boundary: method
// Verdict: leaky. StreamCycles is an async iterator that adds each battery cycle to the profile fitter it is given before
// yielding it. Main drains the stream into a list and then separates the cells (every fifth cell is held out to test the
// state-of-health model): by then the held-out cells' cycles are all in the profile. Stream without the fitter, split
// by cell, then profile the training cells.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static async Task Main()
    {
        FeatureSetFitter<BatteryCycle> profile = BatteryCycle.CreateFitter();
        var cycles = new List<BatteryCycle>();
        await foreach (BatteryCycle cycle in {|NG0006:StreamCycles("cell-cycles.csv", profile)|})
        {
            cycles.Add(cycle);
        }

        List<BatteryCycle> trainingCells = cycles.Where(c => c.CellId % 5 != 0).ToList();
        List<BatteryCycle> heldOutCells = cycles.Where(c => c.CellId % 5 == 0).ToList();

        Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = profile.Rows, Source = "cell-cycles.csv" }, version: 2);
        Console.WriteLine($"state-of-health MAE {HealthModel.Evaluate(scaling, trainingCells, heldOutCells):P2}");
    }

    private static async IAsyncEnumerable<BatteryCycle> StreamCycles(string path, FeatureSetFitter<BatteryCycle> profile, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var reader = new StreamReader(path);
        await reader.ReadLineAsync(cancellation);
        string? line;
        while ((line = await reader.ReadLineAsync(cancellation)) is not null)
        {
            BatteryCycle cycle = BatteryCycle.Parse(line);
            profile.Add(cycle);
            yield return cycle;
        }
    }
}

public static class HealthModel
{
    public static double Evaluate(Manifest scaling, IReadOnlyList<BatteryCycle> training, IReadOnlyList<BatteryCycle> heldOut)
    {
        var resistance = (ZScoreStep)scaling.Features[1].Steps[0];
        double slope = training.Select(c => c.StateOfHealth / Math.Max(0.1, 3 - ((c.InternalResistance - resistance.Mean) / resistance.Std))).DefaultIfEmpty(0).Average();
        return heldOut.Select(c => Math.Abs((slope * Math.Max(0.1, 3 - ((c.InternalResistance - resistance.Mean) / resistance.Std))) - c.StateOfHealth)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("battery-cycles")]
public partial record struct BatteryCycle
{
    [MinMax] public double CycleIndex { get; init; }
    [ZScore] public double InternalResistance { get; init; }
    [ZScore] public double MaxTempC { get; init; }
    [Ignore] public int CellId { get; init; }
    [Ignore] public double StateOfHealth { get; init; }

    public static BatteryCycle Parse(string line)
    {
        string[] f = line.Split(',');
        return new BatteryCycle
        {
            CellId = int.Parse(f[0], CultureInfo.InvariantCulture),
            CycleIndex = double.Parse(f[1], CultureInfo.InvariantCulture),
            InternalResistance = double.Parse(f[2], CultureInfo.InvariantCulture),
            MaxTempC = double.Parse(f[3], CultureInfo.InvariantCulture),
            StateOfHealth = double.Parse(f[4], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<BatteryCycle> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<BatteryCycle>
    {
        public Fitter()
            : base("battery-cycles", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("CycleIndex", new[] { FitStep.MinMax(0, 1, clip: false) }),
                FitterFeature.Numeric("InternalResistance", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("MaxTempC", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in BatteryCycle row)
        {
            AddValue(0, row.CycleIndex);
            AddValue(1, row.InternalResistance);
            AddValue(2, row.MaxTempC);
        }
    }
}

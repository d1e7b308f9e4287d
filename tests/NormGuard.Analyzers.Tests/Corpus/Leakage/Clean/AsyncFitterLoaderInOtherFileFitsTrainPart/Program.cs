// category: async-loader
// boundary: file
// Verdict: clean. The same loader file. Program.cs awaits LoadRowsAsync (rows only), makes the hold-out split, and
// fits the statistics on the training part with SensorCsvLoader.FitterFor; the held-out rows never reach a fitter.
using System;
using System.Threading.Tasks;
using Greenhouse.Data;

namespace Greenhouse;

public static class Program
{
    public static async Task Main()
    {
        var rows = await SensorCsvLoader.LoadRowsAsync("greenhouse-sensors.csv");
        var (train, holdout) = Holdout.Split(rows, holdoutFraction: 0.2, seed: 24);
        var fitter = SensorCsvLoader.FitterFor(train);
        Console.WriteLine($"fitter {fitter.Rows} rows; train {train.Count}, holdout {holdout.Count}");
    }
}

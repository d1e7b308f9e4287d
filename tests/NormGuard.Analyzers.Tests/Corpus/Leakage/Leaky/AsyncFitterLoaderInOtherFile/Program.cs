// category: async-loader
// boundary: file
// Verdict: leaky. Data/SensorCsvLoader.cs reads the greenhouse sensor file asynchronously and, while reading, adds every
// row to a NormGuard fitter; LoadAsync returns the rows with that fitter. Program.cs awaits it and then makes the
// hold-out split for the yield model. The fitter's statistics include the held-out rows. Load the rows, split, and
// fit on the training part (SensorCsvLoader.FitterFor).
using System;
using System.Threading.Tasks;
using Greenhouse.Data;

namespace Greenhouse;

public static class Program
{
    public static async Task Main()
    {
        LoadedSensors loaded = await SensorCsvLoader.{|NG0006:LoadAsync("greenhouse-sensors.csv")|};
        var (train, holdout) = Holdout.Split(loaded.Rows, holdoutFraction: 0.2, seed: 24);
        Console.WriteLine($"fitter {loaded.Fitter.Rows} rows; train {train.Count}, holdout {holdout.Count}");
    }
}

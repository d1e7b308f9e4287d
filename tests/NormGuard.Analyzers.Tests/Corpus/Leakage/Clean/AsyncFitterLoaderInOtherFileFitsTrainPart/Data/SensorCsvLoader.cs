using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Greenhouse.Model;
using NormGuard;

namespace Greenhouse.Data;

public sealed record LoadedSensors(List<SensorRow> Rows, FeatureSetFitter<SensorRow> Fitter);

public static class SensorCsvLoader
{
    public static async Task<List<SensorRow>> LoadRowsAsync(string path)
    {
        var rows = new List<SensorRow>();
        using StreamReader reader = File.OpenText(path);
        await reader.ReadLineAsync();
        while (await reader.ReadLineAsync() is { } line)
        {
            rows.Add(SensorRow.Parse(line));
        }

        return rows;
    }

    /// <summary>Reads the file and fits the feature statistics in the same pass.</summary>
    public static async Task<LoadedSensors> LoadAsync(string path)
    {
        List<SensorRow> rows = await LoadRowsAsync(path);
        FeatureSetFitter<SensorRow> fitter = SensorRow.CreateFitter();
        foreach (SensorRow row in rows)
        {
            fitter.Add(row);
        }

        return new LoadedSensors(rows, fitter);
    }

    public static FeatureSetFitter<SensorRow> FitterFor(IEnumerable<SensorRow> rows)
    {
        FeatureSetFitter<SensorRow> fitter = SensorRow.CreateFitter();
        fitter.Add(rows.ToArray());
        return fitter;
    }
}

public static class Holdout
{
    public static (List<SensorRow> Train, List<SensorRow> Holdout) Split(List<SensorRow> rows, double holdoutFraction, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int holdoutCount = (int)(rows.Count * holdoutFraction);
        return (shuffled.Skip(holdoutCount).ToList(), shuffled.Take(holdoutCount).ToList());
    }
}

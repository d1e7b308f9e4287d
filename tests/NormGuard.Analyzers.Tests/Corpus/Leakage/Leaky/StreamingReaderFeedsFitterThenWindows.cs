// category: async-loader
// boundary: class
// Verdict: leaky. TelemetryReader.ReadAndFitAsync streams the pump telemetry with await foreach, adds each reading to a
// NormGuard fitter and to the caller's list, and returns the fitter. The caller then cuts the list into four time
// windows and keeps the last one to evaluate the anomaly model. The fitter has seen that last window. Read first,
// window, and fit on the first three windows.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static async Task Main()
    {
        var readings = new List<PumpReading>();
        FeatureSetFitter<PumpReading> fitter = await TelemetryReader.{|NG0006:ReadAndFitAsync("pump-telemetry.csv", readings)|};

        PumpReading[][] windows = readings.OrderBy(r => r.Timestamp).Chunk((readings.Count + 3) / 4).ToArray();
        List<PumpReading> training = windows.Take(3).SelectMany(w => w).ToList();
        PumpReading[] evaluation = windows[^1];
        Console.WriteLine($"fitted on {fitter.Rows}; train {training.Count}, evaluate {evaluation.Length}");
    }
}

public static class TelemetryReader
{
    public static async IAsyncEnumerable<PumpReading> ReadAllAsync(string path)
    {
        using StreamReader reader = File.OpenText(path);
        string? line = await reader.ReadLineAsync();
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            yield return PumpReading.Parse(line);
        }
    }

    public static async Task<FeatureSetFitter<PumpReading>> ReadAndFitAsync(string path, List<PumpReading> sink)
    {
        FeatureSetFitter<PumpReading> fitter = PumpReading.CreateFitter();
        await foreach (PumpReading reading in ReadAllAsync(path))
        {
            fitter.Add(reading);
            sink.Add(reading);
        }

        return fitter;
    }

    public static FeatureSetFitter<PumpReading> Fit(IEnumerable<PumpReading> rows)
    {
        FeatureSetFitter<PumpReading> fitter = PumpReading.CreateFitter();
        foreach (PumpReading reading in rows)
        {
            fitter.Add(reading);
        }

        return fitter;
    }
}

[FeatureSet("pump-telemetry")]
public partial record struct PumpReading
{
    [ZScore] public float Vibration { get; init; }
    [ZScore] public float FlowRate { get; init; }
    [MaxAbs] public float PressureDelta { get; init; }
    [Ignore] public DateTime Timestamp { get; init; }

    public static PumpReading Parse(string line)
    {
        string[] f = line.Split(',');
        return new PumpReading { Timestamp = DateTime.Parse(f[0]), Vibration = float.Parse(f[1]), FlowRate = float.Parse(f[2]), PressureDelta = float.Parse(f[3]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<PumpReading> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<PumpReading>
    {
        public Fitter()
            : base("pump-telemetry", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Vibration", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("FlowRate", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("PressureDelta", new[] { FitStep.MaxAbs() }),
            })
        {
        }

        protected override void AddRow(in PumpReading row)
        {
            AddValue(0, row.Vibration);
            AddValue(1, row.FlowRate);
            AddValue(2, row.PressureDelta);
        }
    }
}

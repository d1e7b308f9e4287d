// category: report-formatting
// Verdict: clean. The chart maps each reading to a pixel row: (value − lo) / (hi − lo) · height, where lo and hi are
// the minimum and maximum of the readings on screen, computed at run time. It is the min-max shape, but over the
// plotted window and not with the manifest's 0..4800 kW, and the result positions a pixel; the model is not involved.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace Plant.Charts;

[FeatureSet("plant-power")]
public partial record struct PowerReading
{
    [MinMax] public float OutputKw { get; init; }
    [ZScore] public float AmbientC { get; init; }
}

public static class PowerChart
{
    public static int[] PixelRows(IReadOnlyList<PowerReading> window, int height)
    {
        float lo = window.Min(p => p.OutputKw);
        float hi = window.Max(p => p.OutputKw);
        return window.Select(p => height - (int)((p.OutputKw - lo) / (hi - lo) * height)).ToArray();
    }
}

public static class Program
{
    public static void Main()
    {
        var window = new[] { new PowerReading { OutputKw = 1200 }, new PowerReading { OutputKw = 3100 }, new PowerReading { OutputKw = 2500 } };
        Console.WriteLine(string.Join(", ", PowerChart.PixelRows(window, 200)));
    }
}

// category: unit-conversion
// Verdict: clean. The airfield briefing lists the last hours with a LINQ Select in the units pilots read: wind m/s ×
// 3.6f in km/h and visibility metres / 1000f in km, with float literals. Display conversions; the fog model gets the
// generated NormalizeBatch with the manifest's parameters (wind 5.2 ± 3.1, visibility max-abs 20,000).
using System;
using System.Linq;
using NormGuard;

namespace Airfield.Briefing;

[FeatureSet("airfield-weather")]
public partial record struct WeatherHour
{
    [ZScore] public float WindMs { get; init; }
    [MaxAbs] public float VisibilityM { get; init; }
}

public static class Program
{
    public static void Main()
    {
        WeatherHour[] hours = [new WeatherHour { WindMs = 7.5f, VisibilityM = 3400f }, new WeatherHour { WindMs = 2.1f, VisibilityM = 800f }];

        float[] modelInput = new float[hours.Length * WeatherHour.Width];
        WeatherHour.NormalizeBatch(hours, modelInput);
        Console.WriteLine($"fog-model input {string.Join(", ", modelInput)}");

        var lines = hours.Select((h, i) => $"T-{hours.Length - i}h wind {h.WindMs * 3.6f:0} km/h, visibility {h.VisibilityM / 1000f:0.0} km");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}

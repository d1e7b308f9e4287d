// category: unit-conversion
// Verdict: clean. The building sensors report °F and the European dashboard shows °C: (°F − 32) / 1.8. It has the
// (x − a) / b shape, but 32 and 1.8 are the Fahrenheit scale, not the manifest's mean 61.3 and std 14.2, and the
// converted value is only displayed. The model input comes from the generated Normalize.
using System;
using NormGuard;

namespace Facilities;

[FeatureSet("hvac")]
public partial record struct RoomClimate
{
    [ZScore] public float TemperatureF { get; init; }
    [MinMax(0, 1, Clip = true)] public float Occupancy { get; init; }
}

public static class Dashboard
{
    public static string Tile(in RoomClimate r) => $"{(r.TemperatureF - 32) / 1.8:0.0} °C, {r.Occupancy:0} people";
}

public static class Program
{
    public static void Main()
    {
        var room = new RoomClimate { TemperatureF = 71.6f, Occupancy = 12 };
        Span<float> input = stackalloc float[RoomClimate.Width];
        room.Normalize(input);
        Console.WriteLine($"{Dashboard.Tile(room)} | setpoint model input {input[0]:0.00}, {input[1]:0.00}");
    }
}

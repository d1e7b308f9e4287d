// category: unit-conversion
// Verdict: clean. The storm alert works in bar (kPa / 100) and knots (m/s · 1.943844); these are unit conversions
// with physical constants, not the manifest's min-max (95.2..104.8 kPa) or z-score (4.1, 2.7) parameters, and they
// feed a threshold rule, not the model.
using System;
using NormGuard;

namespace Meteo;

[FeatureSet("weather-station")]
public partial record struct StationReading
{
    [MinMax] public double PressureKpa { get; init; }
    [ZScore] public double WindSpeed { get; init; }
}

public static class StormAlert
{
    public static bool Raise(StationReading w)
    {
        double bar = w.PressureKpa / 100.0;
        double knots = w.WindSpeed * 1.943844;
        return bar < 0.98 && knots > 34;
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(StormAlert.Raise(new StationReading { PressureKpa = 97.1, WindSpeed = 19 }));
}

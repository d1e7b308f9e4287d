using NormGuard;

namespace Harbour.Weather;

[FeatureSet("harbour-barometer")]
public partial record struct Barometer
{
    [ZScore] public float PressureHpa { get; init; }
    [MinMax] public float Humidity { get; init; }
}

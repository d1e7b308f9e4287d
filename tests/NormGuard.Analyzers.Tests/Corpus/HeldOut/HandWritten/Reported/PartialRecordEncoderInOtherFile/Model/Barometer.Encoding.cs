namespace Harbour.Weather;

public partial record struct Barometer
{
    public float[] ToModelInput() => new[]
    {
        (float)({|NG0012:(PressureHpa - 1013.2) / 7.9|}),
        (float)({|NG0012:(Humidity - 20) / 75.0|}),
    };
}

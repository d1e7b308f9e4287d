// category: generic-helper
// Verdict: reported. A generic-math helper MinMax<T>(x, min, max) => (x − min) / (max − min) is called with the feeder
// meter's voltage and 207, 253, and with its power factor and 0.62, 0.99: the manifest's min-max ranges, passed as
// arguments to a hand-written scaler whose result is the outage model's input.
using System;
using System.Numerics;
using NormGuard;

namespace Grid.Outages;

[FeatureSet("feeder-meters")]
public partial record struct FeederMeter
{
    [MinMax] public double Voltage { get; init; }
    [MinMax] public double PowerFactor { get; init; }
}

public static class OutageFeatures
{
    public static double[] Input(in FeederMeter m) =>
    [
        {|NG0012:MinMax(m.Voltage, 207.0, 253.0)|},
        {|NG0012:MinMax(m.PowerFactor, 0.62, 0.99)|},
    ];

    private static T MinMax<T>(T x, T min, T max)
        where T : INumber<T> => (x - min) / (max - min);
}

public static class Program
{
    public static void Main()
    {
        double[] input = OutageFeatures.Input(new FeederMeter { Voltage = 229.5, PowerFactor = 0.91 });
        Console.WriteLine($"outage-model input {input[0]:0.000}, {input[1]:0.000}");
    }
}

// category: interface-impl
// Verdict: reported. VesselEncoder implements the team's IFeatureEncoder<T> for the stability model and divides draft by
// 21.5 and trim by 3.2, the manifest's max-abs values: the bound max-abs scaling typed into an interface implementation
// instead of delegating to the generated Normalize.
using System;
using NormGuard;

namespace Shipping.Stability;

[FeatureSet("vessel-loading")]
public partial record struct Vessel
{
    [MaxAbs] public double DraftMeters { get; init; }
    [MaxAbs] public double TrimDegrees { get; init; }
}

public interface IFeatureEncoder<T>
{
    int OutputWidth { get; }

    void Encode(in T item, Span<float> destination);
}

public sealed class VesselEncoder : IFeatureEncoder<Vessel>
{
    public int OutputWidth => 2;

    public void Encode(in Vessel v, Span<float> destination)
    {
        destination[0] = (float)({|NG0012:v.DraftMeters / 21.5|});
        destination[1] = (float)({|NG0012:v.TrimDegrees / 3.2|});
    }
}

public static class Program
{
    public static void Main()
    {
        IFeatureEncoder<Vessel> encoder = new VesselEncoder();
        Span<float> x = stackalloc float[encoder.OutputWidth];
        encoder.Encode(new Vessel { DraftMeters = 14.2, TrimDegrees = -0.8 }, x);
        Console.WriteLine($"stability input {x[0]:0.000}, {x[1]:0.000}");
    }
}

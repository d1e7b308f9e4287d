// category: business-arithmetic
// Verdict: clean. The checkout prices a parcel from the tariff table: a switch over the destination zone gives a base
// fee plus a rate per kilogram (4.90 + 0.85 per kg domestic, 9.50 + 2.10 EU, 19.00 + 4.75 elsewhere), charged on the
// greater of the real weight and the volumetric weight (L × W × H / 5000, the carriers' divisor). Prices, not scaling;
// the delivery-time model gets the generated Normalize.
using System;
using NormGuard;

namespace Parcels.Checkout;

[FeatureSet("parcels")]
public partial record struct Parcel
{
    [ZScore] public double WeightKg { get; init; }
    [MinMax] public double LengthCm { get; init; }
    [MinMax] public double WidthCm { get; init; }
    [MinMax] public double HeightCm { get; init; }
}

public static class Tariff
{
    public static double VolumetricKg(in Parcel p) => p.LengthCm * p.WidthCm * p.HeightCm / 5000.0;

    public static decimal Price(in Parcel p, string zone)
    {
        double chargeable = Math.Max(p.WeightKg, VolumetricKg(p));
        double price = zone switch
        {
            "domestic" => 4.90 + (0.85 * chargeable),
            "eu" => 9.50 + (2.10 * chargeable),
            _ => 19.00 + (4.75 * chargeable),
        };
        return Math.Round((decimal)price, 2);
    }
}

public static class Program
{
    public static void Main()
    {
        var parcel = new Parcel { WeightKg = 2.2, LengthCm = 40, WidthCm = 30, HeightCm = 20 };
        Span<float> modelInput = stackalloc float[Parcel.Width];
        parcel.Normalize(modelInput);
        Console.WriteLine($"delivery-model input {modelInput[0]:0.000}; EU price {Tariff.Price(parcel, "eu")}");
    }
}

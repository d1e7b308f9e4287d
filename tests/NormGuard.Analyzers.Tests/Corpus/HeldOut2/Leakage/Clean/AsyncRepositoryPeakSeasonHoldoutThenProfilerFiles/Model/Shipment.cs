using System;
using System.Globalization;
using NormGuard;
using NormGuard.Fitting;

namespace Logistics.Model;

[FeatureSet("shipments")]
public partial record struct Shipment
{
    [ZScore] public double WeightKg { get; init; }
    [Log1p, ZScore] public double DistanceKm { get; init; }
    [MinMax] public double Stops { get; init; }
    [Ignore] public DateTime ShippedOn { get; init; }
    [Ignore] public bool Late { get; init; }

    public static Shipment Parse(string line)
    {
        string[] f = line.Split(',');
        return new Shipment
        {
            ShippedOn = DateTime.Parse(f[0], CultureInfo.InvariantCulture),
            WeightKg = double.Parse(f[1], CultureInfo.InvariantCulture),
            DistanceKm = double.Parse(f[2], CultureInfo.InvariantCulture),
            Stops = double.Parse(f[3], CultureInfo.InvariantCulture),
            Late = f[4] == "1",
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Shipment> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Shipment>
    {
        public Fitter()
            : base("shipments", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("WeightKg", [FitStep.ZScore()]),
                FitterFeature.Numeric("DistanceKm", [FitStep.Log1p(), FitStep.ZScore()]),
                FitterFeature.Numeric("Stops", [FitStep.MinMax(0, 1, clip: false)]),
            ])
        {
        }

        protected override void AddRow(in Shipment row)
        {
            AddValue(0, row.WeightKg);
            AddValue(1, row.DistanceKm);
            AddValue(2, row.Stops);
        }
    }
}

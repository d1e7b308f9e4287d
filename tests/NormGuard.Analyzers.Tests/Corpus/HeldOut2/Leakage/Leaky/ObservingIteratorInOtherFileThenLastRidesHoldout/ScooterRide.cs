using System.Globalization;
using NormGuard;
using NormGuard.Fitting;

namespace Mobility.Features;

[FeatureSet("scooter-rides")]
public partial record struct ScooterRide
{
    [ZScore] public double DistanceKm { get; init; }
    [MaxAbs] public double ElevationGainM { get; init; }
    [MinMax] public double BatteryAtStart { get; init; }
    [Ignore] public double DurationMin { get; init; }

    public static ScooterRide Parse(string line)
    {
        string[] f = line.Split(',');
        return new ScooterRide
        {
            DistanceKm = double.Parse(f[0], CultureInfo.InvariantCulture),
            ElevationGainM = double.Parse(f[1], CultureInfo.InvariantCulture),
            BatteryAtStart = double.Parse(f[2], CultureInfo.InvariantCulture),
            DurationMin = double.Parse(f[3], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<ScooterRide> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<ScooterRide>
    {
        public Fitter()
            : base("scooter-rides", NormalizationProfile.NormGuard, ManifestDType.Float32,
            [
                FitterFeature.Numeric("DistanceKm", [FitStep.ZScore()]),
                FitterFeature.Numeric("ElevationGainM", [FitStep.MaxAbs()]),
                FitterFeature.Numeric("BatteryAtStart", [FitStep.MinMax(0, 1, clip: false)]),
            ])
        {
        }

        protected override void AddRow(in ScooterRide row)
        {
            AddValue(0, row.DistanceKm);
            AddValue(1, row.ElevationGainM);
            AddValue(2, row.BatteryAtStart);
        }
    }
}

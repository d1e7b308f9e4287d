using NormGuard;
using NormGuard.Fitting;

namespace Greenhouse.Model;

[FeatureSet("greenhouse")]
public partial record struct SensorRow
{
    [ZScore] public float AirTemperature { get; init; }
    [MinMax] public float RelativeHumidity { get; init; }
    [Robust] public float Co2Ppm { get; init; }
    [Ignore] public float YieldKg { get; init; }

    public static SensorRow Parse(string line)
    {
        string[] f = line.Split(',');
        return new SensorRow { AirTemperature = float.Parse(f[0]), RelativeHumidity = float.Parse(f[1]), Co2Ppm = float.Parse(f[2]), YieldKg = float.Parse(f[3]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<SensorRow> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<SensorRow>
    {
        public Fitter()
            : base("greenhouse", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("AirTemperature", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("RelativeHumidity", new[] { FitStep.MinMax(0, 1, clip: false) }),
                FitterFeature.Numeric("Co2Ppm", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in SensorRow row)
        {
            AddValue(0, row.AirTemperature);
            AddValue(1, row.RelativeHumidity);
            AddValue(2, row.Co2Ppm);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

namespace Pumps.Model;

[FeatureSet("pump-telemetry")]
public partial record struct PumpTelemetry
{
    [Log1p, ZScore] public double VibrationRms { get; init; }
    [ZScore] public double BearingTempC { get; init; }
    [MinMax] public double FlowRate { get; init; }
    [Ignore] public bool FailedWithin7Days { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<PumpTelemetry> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<PumpTelemetry>
    {
        public Fitter()
            : base("pump-telemetry", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("VibrationRms", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("BearingTempC", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("FlowRate", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in PumpTelemetry row)
        {
            AddValue(0, row.VibrationRms);
            AddValue(1, row.BearingTempC);
            AddValue(2, row.FlowRate);
        }
    }
}

public static class FailureModel
{
    public static double Evaluate(Manifest scaling, IReadOnlyList<PumpTelemetry> fitting, IReadOnlyList<PumpTelemetry> holdout)
    {
        var temp = (ZScoreStep)scaling.Features[1].Steps[0];
        double alarm = fitting.Where(r => r.FailedWithin7Days).Select(r => (r.BearingTempC - temp.Mean) / temp.Std).DefaultIfEmpty(2).Min();
        var failures = holdout.Where(r => r.FailedWithin7Days).ToList();
        return failures.Count == 0 ? 0 : (double)failures.Count(r => (r.BearingTempC - temp.Mean) / temp.Std >= alarm) / failures.Count;
    }
}

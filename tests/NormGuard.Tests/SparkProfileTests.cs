using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The spark profile against a plain transcription of Spark ML 3.x's transform code (no Spark runs here): each
/// expression below is written in the order Spark's Scala source evaluates it, all in double.
/// </summary>
public sealed class SparkProfileTests
{
    private static readonly Manifest Parameters = SparkRow.FeatureSet.Manifest;

    [Fact]
    public void Generated_code_equals_Spark_transform_on_random_and_special_inputs()
    {
        // Spark's scaler models pass NaN through; NormGuard counts NaN as missing, so spark_probe declares "propagate".
        var random = new Random(9);
        double[] specials = [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2.5, 3.7, 1e300, -1e-300];
        float[] output = new float[SparkRow.Width];
        for (int i = 0; i < 20_000; i++)
        {
            double Next() => random.Next(8) == 0 ? specials[random.Next(specials.Length)] : (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 4));
            var row = new SparkRow { Z = Next(), ZFlat = Next(), M = Next(), MFlat = Next(), A = Next(), R = Next() };
            row.Normalize(output);
            double[] inputs = [row.Z, row.ZFlat, row.M, row.MFlat, row.A, row.R];
            for (int f = 0; f < inputs.Length; f++)
            {
                float expected = (float)Spark(Parameters.Features[f].Steps[0], inputs[f]);
                Assert.True(GoldenFiles.SameFloat(expected, output[f]), $"{Parameters.Features[f].Name}({inputs[f]:R}): Spark {expected:R}, NormGuard {output[f]:R}");
            }
        }
    }

    [Fact]
    public void Spark_fitter_uses_the_sample_standard_deviation()
    {
        FeatureSetFitter<SparkRow> fitter = SparkRow.CreateFitter();
        Assert.Equal(NormalizationProfile.Spark, fitter.Profile);
        double[] values = [1, 2, 3, 4, 10];
        fitter.Add(values.Select(v => new SparkRow { Z = v, ZFlat = 3.7, M = v, MFlat = 2.5, A = -v, R = v }).ToArray());
        Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 2);

        var z = (ZScoreStep)manifest.Features[0].Steps[0];
        Assert.Equal(4, z.Mean);
        Assert.Equal(Math.Sqrt(50.0 / 4), z.Std, 15);
        Assert.Equal(0, ((ZScoreStep)manifest.Features[1].Steps[0]).Std);
        Assert.Equal(Math.Sqrt(50.0 / 4), manifest.Features[0].Stats!.Std!.Value, 15);
    }

    private static double Spark(NormalizationStep step, double x)
    {
        switch (step)
        {
            case ZScoreStep z:
                // StandardScalerModel: scale = if (std == 0) 0.0 else 1.0 / std; (x - mean) * scale
                double scale = z.Std == 0 ? 0.0 : 1.0 / z.Std;
                return (x - z.Mean) * scale;
            case MinMaxStep m:
                // MinMaxScalerModel: scale = max - min; k = if (range != 0) scale / range else 0.0;
                // if (!x.isNaN) { if (k != 0) (x - originalMin) * k + min else (min + max) / 2 }
                double targetRange = m.High - m.Low;
                double range = m.Max - m.Min;
                double k = range != 0 ? targetRange / range : 0.0;
                if (double.IsNaN(x))
                {
                    return x;
                }

                return k != 0 ? ((x - m.Min) * k) + m.Low : (m.Low + m.High) / 2;
            case MaxAbsStep a:
                // MaxAbsScalerModel: scale = if (maxAbs == 0) 1.0 else 1 / maxAbs; x * scale
                return x * (a.MaxAbs == 0 ? 1.0 : 1 / a.MaxAbs);
            case RobustStep r:
                // RobustScalerModel via StandardScalerModel.getTransformFunc: scale = if (range == 0) 0.0 else 1.0 / range
                return (x - r.Center) * (r.Scale == 0 ? 0.0 : 1.0 / r.Scale);
            default:
                throw new InvalidOperationException(step.Op);
        }
    }
}

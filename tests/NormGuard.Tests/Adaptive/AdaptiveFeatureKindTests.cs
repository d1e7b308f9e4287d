using System;
using System.Linq;
using NormGuard.Tests.Vectors;
using Xunit;

namespace NormGuard.Tests.Adaptive;

/// <summary>Which features adapt, and in what unit: vector features are left to the generated code, min-max steps
/// are measured in std units, robust and max-abs features do not adapt.</summary>
public sealed class AdaptiveFeatureKindTests
{
    [Fact]
    public void VectorFeature_IsLeftUntouched_AndTheScalarsAroundItAdapt()
    {
        // EmbeddedDoc: Clicks (z-score, mean 3, std 2), a 384-dimension Embedding (center, l2), Age (min-max 0..100).
        // Before: the constructor counted the embedding as one output and threw "the embedded manifest has 3 outputs,
        // the generated code 386". Expected: Clicks and Age adapt, the embedding's 384 floats are the generated code's.
        var adaptive = new AdaptiveNormalizer<EmbeddedDoc>(new AdaptiveOptions { HalfLifeRows = 1_000, StepRows = 100, JumpThreshold = double.PositiveInfinity });
        Assert.Equal(["Clicks", "Age"], adaptive.AdaptedFeatures);

        var random = new Random(3);
        EmbeddedDoc[] rows = Enumerable.Range(0, 5_000).Select(_ => new EmbeddedDoc
        {
            Clicks = (float)(3.6 + (2 * Gaussian(random))),
            Embedding = Enumerable.Range(0, 384).Select(_ => (float)Gaussian(random)).ToArray(),
            Age = (float)(100 * random.NextDouble()),
        }).ToArray();
        adaptive.Observe(rows);
        var clicks = (ZScoreStep)adaptive.Features.Single(f => f.Feature == "Clicks").Step;
        Assert.InRange(clicks.Mean, 3.3, 3.8);

        float[] generated = new float[EmbeddedDoc.Width];
        float[] actual = new float[EmbeddedDoc.Width];
        foreach (EmbeddedDoc row in rows.Take(500))
        {
            row.Normalize(generated);
            adaptive.Normalize(row, actual);
            Assert.NotEqual(generated[0], actual[0]);
            for (int c = 1; c <= 384; c++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(generated[c]), BitConverter.SingleToInt32Bits(actual[c]));
            }
        }

        // The snapshot keeps the vector feature as the manifest has it.
        Manifest snapshot = adaptive.Snapshot();
        Assert.Same(EmbeddedDoc.FeatureSet.Manifest.Features[1], snapshot.Features[1]);
    }

    [Fact]
    public void VectorFeature_NamedToAdapt_IsRefusedClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<EmbeddedDoc>(new AdaptiveOptions { Features = ["Embedding"] }));
        Assert.Contains("feature 'Embedding' of embedded_docs cannot adapt: it is a vector (embedding) feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinMax_StepsInStdUnits()
    {
        // Sensor.Pressure: min-max over [0.5, 9.5] and no stats, so its std unit is the range/√12 = 2.598; a step
        // moves the midpoint at most MaxStepStd of it (0.2598, where it moved 0.1 range = 0.9 before).
        var options = new AdaptiveOptions { HalfLifeRows = 2_000, StepRows = 500, FreezeMeanShift = 100, FreezeScaleRatio = 100, JumpThreshold = double.PositiveInfinity, Features = ["Pressure"] };
        var adaptive = new AdaptiveNormalizer<Sensor>(options);
        var random = new Random(8);
        for (int i = 0; i < 500; i++)
        {
            adaptive.Observe(new Sensor { Temperature = 71.5f, Pressure = (float)(5 + (9 * random.NextDouble())), Current = 12f });
        }

        var step = (MinMaxStep)adaptive.Features.Single().Step;
        double unit = 9 / Math.Sqrt(12);
        Assert.Equal(5 + (0.1 * unit), (step.Min + step.Max) / 2, 12);
    }

    [Fact]
    public void MinMax_JumpInStdUnits_Freezes()
    {
        // A 1-std-unit (2.6) rise of Pressure's uniform spread: detected within 200 rows, before any step.
        var adaptive = new AdaptiveNormalizer<Sensor>(new AdaptiveOptions { Features = ["Pressure"] });
        var alerts = new System.Collections.Generic.List<AdaptiveAlert>();
        adaptive.Alert += (_, alert) => alerts.Add(alert);
        var random = new Random(9);
        double unit = 9 / Math.Sqrt(12);
        for (int i = 0; i < 3_000; i++)
        {
            double shift = i < 2_000 ? 0 : unit;
            adaptive.Observe(new Sensor { Temperature = 71.5f, Pressure = (float)(0.5 + (9 * random.NextDouble()) + shift), Current = 12f });
        }

        AdaptiveAlert alert = Assert.Single(alerts);
        Assert.Equal(AdaptiveAlertKind.Jump, alert.Kind);
        Assert.InRange(alert.Rows, 2_001, 2_200);
    }

    [Fact]
    public void RobustAndMaxAbs_DoNotAdapt_AndSaySo()
    {
        var robust = Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<Sensor>(new AdaptiveOptions { Features = ["Current"] }));
        Assert.Contains("its robust step does not adapt", robust.Message, StringComparison.Ordinal);
        var maxAbs = Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<Sensor>(new AdaptiveOptions { Features = ["Vibration"] }));
        Assert.Contains("its maxabs step does not adapt", maxAbs.Message, StringComparison.Ordinal);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

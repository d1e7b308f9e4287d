using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard.Adaptive;
using NormGuard.Internal;
using nietras.SeparatedValues;
using Xunit;

namespace NormGuard.Tests;

public sealed class AdaptiveNormalizerTests
{
    private static readonly Lazy<DiamondRow[]> Diamonds = new(ReadDiamonds);

    [Fact]
    public void Adaptive_BeforeAdaptation_EqualsGeneratedCode_OnEveryDiamond()
    {
        var adaptive = new AdaptiveNormalizer<DiamondRow>();
        Assert.Equal(["carat", "depth", "table"], adaptive.AdaptedFeatures);
        AssertSameAsGenerated(adaptive, Diamonds.Value);
    }

    [Fact]
    public void Adaptive_BeforeAdaptation_EqualsGeneratedCode_ForEveryProfile()
    {
        AssertSameAsGenerated(new AdaptiveNormalizer<Sensor>(), RandomRows<Sensor>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<SparkRow>(), RandomRows<SparkRow>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<StreamSklearnF32>(), RandomRows<StreamSklearnF32>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<StreamSklearnF64>(), RandomRows<StreamSklearnF64>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<SklearnF64Row>(), RandomRows<SklearnF64Row>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<SklearnF32Row>(), RandomRows<SklearnF32Row>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<OnnxRow>(), RandomRows<OnnxRow>(4000));
        AssertSameAsGenerated(new AdaptiveNormalizer<MLNetRow>(), RandomRows<MLNetRow>(4000));
        PolicyRow[] policyRows =
        [
            new() { Propagated = 12f, Filled = 1.5, Required = 3, Level = Level.High, Tag = "a" },
            new() { Propagated = null, Filled = null, Required = -8, Level = null, Tag = "zz" },
            new() { Propagated = float.NaN, Filled = double.NaN, Required = 0, Level = Level.Low, Tag = "b" },
        ];
        AssertSameAsGenerated(new AdaptiveNormalizer<PolicyRow>(), policyRows);
    }

    [Fact]
    public void Adaptive_StepProgram_EqualsGeneratedCode_ForEveryNumericStep()
    {
        AssertProgramsMatch(Diamonds.Value.Take(5000).ToArray());
        AssertProgramsMatch(RandomRows<Sensor>(3000));
        AssertProgramsMatch(RandomRows<SparkRow>(3000));
        AssertProgramsMatch(RandomRows<SklearnF64Row>(3000));
        AssertProgramsMatch(RandomRows<SklearnF32Row>(3000));
        AssertProgramsMatch(RandomRows<OnnxRow>(3000));
        AssertProgramsMatch(RandomRows<MLNetRow>(3000));
        AssertProgramsMatch(RandomRows<StreamSklearnF32>(3000));
    }

    [Fact]
    public void Adaptive_ConvergesToANewMean_AtTheHalfLifeRate()
    {
        const double Mean = 71.5, Std = 3.25, Shift = 0.5 * Std;
        // The level changes at once, which the jump detector would freeze on (AdaptiveJumpTests): off here, so that the
        // decayed mean's rate is what is measured.
        var options = new AdaptiveOptions { HalfLifeRows = 10_000, StepRows = 1_000, JumpThreshold = double.PositiveInfinity, Features = ["Temperature"] };
        var adaptive = new AdaptiveNormalizer<Sensor>(options);
        var random = new Random(7);
        for (int halfLives = 1; halfLives <= 5; halfLives++)
        {
            for (int i = 0; i < 10_000; i++)
            {
                adaptive.Observe(SensorRow(Mean + Shift + (Std * Gaussian(random))));
            }

            // E[decayed mean] = new − shift·2^−k; the noise of a 10,000-row half-life is about 0.006 std.
            var step = (ZScoreStep)adaptive.Features.Single().Step;
            double expected = Mean + Shift - (Shift * Math.Pow(2, -halfLives));
            Assert.InRange(step.Mean, expected - (0.03 * Std), expected + (0.03 * Std));
            Assert.InRange(step.Std, 0.95 * Std, 1.1 * Std);
        }

        Assert.False(adaptive.IsFrozen);
        Assert.Equal(50_000, adaptive.Rows);
    }

    [Fact]
    public void Adaptive_StepLimit_HoldsAtEveryStep()
    {
        const double Mean = 71.5, Std = 3.25;
        var options = new AdaptiveOptions { HalfLifeRows = 500, StepRows = 250, MaxStepStd = 0.02, FreezeMeanShift = 100, FreezeScaleRatio = 100, JumpThreshold = double.PositiveInfinity, Features = ["Temperature"] };
        var adaptive = new AdaptiveNormalizer<Sensor>(options);
        var random = new Random(11);
        var previous = (ZScoreStep)adaptive.Features.Single().Step;
        int limited = 0;
        for (int step = 0; step < 200; step++)
        {
            // A level that jumps by 4 std and a spread that triples: the decayed statistics run far ahead of the limit.
            double level = step < 100 ? Mean + (4 * Std) : Mean - (2 * Std);
            double spread = step < 100 ? 3 * Std : Std / 3;
            for (int i = 0; i < options.StepRows; i++)
            {
                adaptive.Observe(SensorRow(level + (spread * Gaussian(random))));
            }

            var current = (ZScoreStep)adaptive.Features.Single().Step;
            double move = Math.Abs(current.Mean - previous.Mean);
            Assert.True(move <= (options.MaxStepStd * previous.Std * (1 + 1e-12)), $"step {step}: mean moved {move}, limit {options.MaxStepStd * previous.Std}");
            double ratio = current.Std / previous.Std;
            Assert.InRange(ratio, (1 / (1 + options.MaxStepStd)) - 1e-12, 1 + options.MaxStepStd + 1e-12);
            limited += move >= options.MaxStepStd * previous.Std * (1 - 1e-9) ? 1 : 0;
            previous = current;
        }

        Assert.True(limited > 50, $"the limit bound only {limited} of 200 steps");
    }

    [Fact]
    public void Adaptive_MinMax_FollowsAShiftedRange()
    {
        // The range moves at once (by 0.385 std units), which the jump detector would freeze on: off here.
        var options = new AdaptiveOptions { HalfLifeRows = 2_000, StepRows = 500, JumpThreshold = double.PositiveInfinity, Features = ["Pressure"] };
        var adaptive = new AdaptiveNormalizer<Sensor>(options);
        var random = new Random(5);
        for (int i = 0; i < 40_000; i++)
        {
            adaptive.Observe(new Sensor { Temperature = 71.5f, Pressure = (float)(1.5 + (9 * random.NextDouble())), Current = 12f });
        }

        // Manifest range [0.5, 9.5]; the data now spans [1.5, 10.5]: the decayed extremes sit just inside it.
        var step = (MinMaxStep)adaptive.Features.Single().Step;
        Assert.InRange(step.Min, 1.5, 1.8);
        Assert.InRange(step.Max, 10.2, 10.5);
        Assert.False(adaptive.IsFrozen);
    }

    [Fact]
    public void Adaptive_ThreeStdJump_FreezesAndAlertsOnce()
    {
        const double Mean = 71.5, Std = 3.25;
        // The freeze thresholds on the decayed statistics, with the jump detector off (which freezes this jump within
        // 100 rows: AdaptiveJumpTests).
        var adaptive = new AdaptiveNormalizer<Sensor>(new AdaptiveOptions { JumpThreshold = double.PositiveInfinity, Features = ["Temperature"] });
        var alerts = new List<AdaptiveAlert>();
        adaptive.Alert += (_, alert) => alerts.Add(alert);
        var random = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            adaptive.Observe(SensorRow(Mean + (Std * Gaussian(random))));
        }

        Assert.Empty(alerts);
        long generationBefore = adaptive.Generation;
        for (int i = 0; i < 40_000; i++)
        {
            adaptive.Observe(SensorRow(Mean + (3 * Std) + (Std * Gaussian(random))));
        }

        AdaptiveAlert alert = Assert.Single(alerts);
        Assert.Equal("Temperature", alert.Feature);
        Assert.Equal(AdaptiveAlertKind.Threshold, alert.Kind);
        Assert.Contains("from the manifest's", alert.Reason, StringComparison.Ordinal);
        Assert.True(Math.Abs(alert.ObservedCenter - Mean) > Std);
        // The decayed mean crosses 1 std 0.58 half-lives after the jump; the check runs every 1,000 rows.
        Assert.InRange(alert.Rows, 20_000 + 5_000, 20_000 + 7_000);
        Assert.True(adaptive.IsFrozen);
        var frozen = (ZScoreStep)adaptive.Features.Single().Step;
        Assert.True(Math.Abs(frozen.Mean - Mean) <= 0.7 * Std, $"the parameters followed the jump to {frozen.Mean}");

        // Frozen: the parameters stay put while the stream goes on.
        long generationFrozen = adaptive.Generation;
        Assert.True(generationFrozen > generationBefore);
        for (int i = 0; i < 5_000; i++)
        {
            adaptive.Observe(SensorRow(Mean + (3 * Std) + (Std * Gaussian(random))));
        }

        Assert.Equal(generationFrozen, adaptive.Generation);
        Assert.Single(alerts);

        // Unfreezing while the data is still past the threshold freezes again at the next step, with a new alert.
        adaptive.Unfreeze("Temperature");
        adaptive.Observe(Enumerable.Range(0, 1_000).Select(_ => SensorRow(Mean + (3 * Std))).ToArray());
        Assert.Equal(2, alerts.Count);

        // Reset: the manifest's parameters again, the generated code's floats, a newer generation.
        adaptive.Reset();
        Assert.False(adaptive.IsFrozen);
        Assert.Equal(0, adaptive.Rows);
        Assert.Equal(generationFrozen + 1, adaptive.Generation);
        AssertSameAsGenerated(adaptive, RandomRows<Sensor>(500));
    }

    [Fact]
    public void Adaptive_Snapshot_ReproducesNormalize_BitForBit()
    {
        DiamondRow[] rows = Shuffled(Diamonds.Value, 17);
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero));
        var adaptive = new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { HalfLifeRows = 5_000, StepRows = 1_000, TimeProvider = clock });

        // Prices in a later market: stones a little heavier, cut a little deeper (synthesized drift, not normalization).
        DiamondRow[] drifted = rows.Select(r => r with { Carat = r.Carat * 1.08, Depth = r.Depth + 0.4, Table = r.Table - 0.3 }).ToArray();
        adaptive.Observe(drifted.AsSpan(0, 30_000));
        Assert.False(adaptive.IsFrozen);
        Assert.True(adaptive.Generation > 0);

        Manifest snapshot = adaptive.Snapshot();
        Manifest reread = Manifest.Parse(snapshot.ToJson(), "snapshot");
        Assert.Equal(snapshot.Sha256, reread.Sha256);
        Assert.Equal(2, reread.Version);
        Assert.Equal(DataSplit.Train, reread.Fit!.Split);
        Assert.Equal(30_000, reread.Fit.Rows);
        Assert.StartsWith("adaptive: diamonds v1", reread.Fit.Source, StringComparison.Ordinal);
        Assert.Equal(clock.Now, reread.Fit.FittedAt);
        Assert.NotEqual(DiamondRow.FeatureSet.Sha256, reread.Sha256);
        Assert.Equal(snapshot.Sha256, adaptive.Snapshot().Sha256);

        // Only the adapted steps changed; the drift baseline is still the training data's.
        Manifest baseline = DiamondRow.FeatureSet.Manifest;
        for (int f = 0; f < baseline.Features.Count; f++)
        {
            Assert.Equal(baseline.Features[f].Name, reread.Features[f].Name);
            Assert.Equal(baseline.Features[f].Stats!.Mean, reread.Features[f].Stats!.Mean);
            bool adapted = adaptive.AdaptedFeatures.Contains(baseline.Features[f].Name);
            Assert.Equal(!adapted, baseline.Features[f].Steps.SequenceEqual(reread.Features[f].Steps, StepComparer.Instance));
        }

        // The re-read manifest's arithmetic (the generator's, step for step) against Normalize at this generation.
        var programs = reread.Features.Select(f => f.Steps[0] is OneHotStep ? null : new StepProgram(f.Steps, reread.Profile, reread.DType)).ToArray();
        float[] actual = new float[DiamondRow.Width];
        double[] inputs = new double[DiamondRow.InputCount];
        foreach (DiamondRow row in drifted.AsSpan(30_000))
        {
            Assert.Equal(adaptive.Generation, adaptive.Normalize(row, actual));
            row.ReadInputs(inputs);
            int output = 0;
            for (int f = 0; f < programs.Length; f++)
            {
                if (programs[f] is { } program)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(program.Apply(inputs[f])), BitConverter.SingleToInt32Bits(actual[output]));
                    output++;
                }
                else
                {
                    output += ((OneHotStep)reread.Features[f].Steps[0]).Categories.Count;
                }
            }
        }
    }

    [Fact]
    public void Adaptive_Normalize_DoesNotAllocate()
    {
        DiamondRow[] rows = Diamonds.Value;
        var adaptive = new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { HalfLifeRows = 2_000, StepRows = 500 });
        adaptive.Observe(rows.AsSpan(0, 5_000).ToArray().Select(r => r with { Depth = r.Depth + 0.5 }).ToArray());
        Assert.True(adaptive.Generation > 0);
        float[] destination = new float[DiamondRow.Width];

        // The same rows once before measuring: first calls may initialize types or take a tier-up path, which is not
        // the steady state a service runs in (a first run after a merge once counted bytes here).
        for (int i = 0; i < 10_000; i++)
        {
            adaptive.Normalize(rows[i], destination);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            adaptive.Normalize(rows[i], destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Adaptive_BatchNormalize_EqualsRowByRow()
    {
        DiamondRow[] rows = Diamonds.Value.AsSpan(0, 3_000).ToArray();
        var adaptive = new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { HalfLifeRows = 1_000, StepRows = 200 });
        adaptive.Observe(rows.Select(r => r with { Table = r.Table + 0.8 }).ToArray());
        float[] batch = new float[rows.Length * DiamondRow.Width];
        adaptive.Normalize(rows, batch);
        float[] one = new float[DiamondRow.Width];
        for (int r = 0; r < rows.Length; r++)
        {
            adaptive.Normalize(rows[r], one);
            Assert.True(one.AsSpan().SequenceEqual(batch.AsSpan(r * DiamondRow.Width, DiamondRow.Width)), $"row {r}");
        }
    }

    [Fact]
    public void Adaptive_RejectsFeaturesAndOptionsItCannotHonor()
    {
        var robust = Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { Features = ["x"] }));
        Assert.Contains("robust", robust.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { Features = ["carat", "weight"] }));
        Assert.Contains("weight", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { HalfLifeRows = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveNormalizer<DiamondRow>(new AdaptiveOptions { FreezeScaleRatio = 1 }));
        Assert.Throws<ArgumentException>(() => new AdaptiveNormalizer<DiamondRow>().Unfreeze("cut"));
    }

    private static void AssertSameAsGenerated<T>(AdaptiveNormalizer<T> adaptive, T[] rows)
        where T : INormalizable<T>
    {
        float[] expected = new float[T.Width];
        float[] actual = new float[T.Width];
        foreach (T row in rows)
        {
            row.Normalize(expected);
            adaptive.Normalize(row, actual);
            for (int c = 0; c < T.Width; c++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[c]) == BitConverter.SingleToInt32Bits(actual[c]), $"{T.FeatureSet.Name} {T.FeatureSet.OutputColumns[c]}: generated {expected[c]:R}, adaptive {actual[c]:R} for {row}");
            }
        }
    }

    // Every numeric feature, z-score and min-max or not, through the runtime's transcription of the generator's arithmetic.
    private static void AssertProgramsMatch<T>(T[] rows)
        where T : INormalizable<T>
    {
        Manifest manifest = T.FeatureSet.Manifest;
        var programs = manifest.Features.Select(f => f.Steps[0] is OneHotStep or PassthroughStep ? null : new StepProgram(f.Steps, manifest.Profile, manifest.DType)).ToArray();
        float[] expected = new float[T.Width];
        double[] inputs = new double[T.InputCount];
        int compared = 0;
        foreach (T row in rows)
        {
            row.Normalize(expected);
            row.ReadInputs(inputs);
            int output = 0;
            for (int f = 0; f < programs.Length; f++)
            {
                if (programs[f] is { } program && !double.IsNaN(inputs[f]))
                {
                    float actual = program.Apply(inputs[f]);
                    Assert.True(BitConverter.SingleToInt32Bits(expected[output]) == BitConverter.SingleToInt32Bits(actual), $"{manifest.FeatureSet}.{manifest.Features[f].Name}: generated {expected[output]:R}, program {actual:R} for input {inputs[f]:R}");
                    compared++;
                }

                output += manifest.Features[f].Steps[0] is OneHotStep oneHot ? oneHot.Categories.Count : 1;
            }
        }

        Assert.True(compared > rows.Length, $"{manifest.FeatureSet}: only {compared} values compared");
    }

    // Plausible rows of any feature set: the inverse of normalized values drawn around 0, several scales wide; rows
    // the generated code rejects (a one-hot arg-max that lands on no category) are drawn again.
    private static T[] RandomRows<T>(int count)
        where T : INormalizable<T>
    {
        var random = new Random(T.FeatureSet.Name.Length * 7919);
        float[] normalized = new float[T.Width];
        var rows = new List<T>(count);
        while (rows.Count < count)
        {
            for (int c = 0; c < normalized.Length; c++)
            {
                normalized[c] = (float)(Gaussian(random) * (rows.Count % 3 == 0 ? 4 : 1));
            }

            T row = T.Denormalize(normalized);
            try
            {
                row.Normalize(normalized);
                rows.Add(row);
            }
            catch (NormalizationException)
            {
            }
        }

        return rows.ToArray();
    }

    private static Sensor SensorRow(double temperature) => new() { Temperature = (float)temperature, Pressure = 5f, Vibration = 0.01f, Current = 12f, Load = 1f };

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static DiamondRow[] Shuffled(DiamondRow[] rows, int seed)
    {
        DiamondRow[] copy = rows.ToArray();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    private static DiamondRow[] ReadDiamonds()
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(AppContext.BaseDirectory, "Data", "diamonds.csv"));
        var rows = new List<DiamondRow>();
        foreach (SepReader.Row row in reader)
        {
            rows.Add(new DiamondRow
            {
                Carat = row["carat"].Parse<double>(),
                Cut = row["cut"].ToString(),
                Color = row["color"].ToString(),
                Clarity = row["clarity"].ToString(),
                Depth = row["depth"].Parse<double>(),
                Table = row["table"].Parse<double>(),
                X = row["x"].Parse<double>(),
                Y = row["y"].Parse<double>(),
                Z = row["z"].Parse<double>(),
            });
        }

        return rows.ToArray();
    }

    // Record equality, except that one-hot categories compare by content (a re-read manifest holds new lists).
    private sealed class StepComparer : IEqualityComparer<NormalizationStep>
    {
        public static readonly StepComparer Instance = new();

        public bool Equals(NormalizationStep? x, NormalizationStep? y) => (x, y) switch
        {
            (OneHotStep a, OneHotStep b) => a.Unknown == b.Unknown && a.Categories.SequenceEqual(b.Categories),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(NormalizationStep step) => step.Op.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

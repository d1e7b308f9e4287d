using System;
using System.Threading;

namespace NormGuard.Monitoring;

/// <summary>
/// A <see cref="DriftMonitor"/>'s vector feature: where its values sit in a row of inputs (the generated
/// <c>ReadInputs</c> writes a vector member's native-dimension values as doubles, NaN for each when it is missing) and
/// the <see cref="EmbeddingDriftWindow"/> that counts them against the manifest's <c>stats.norm</c> and
/// <c>stats.meanVector</c> — or, when the manifest holds no usable baseline for it, why not.
/// </summary>
internal sealed class EmbeddingInput
{
    private readonly string? _noBaseline;
    private long _rowsWithoutBaseline;

    private EmbeddingInput(string name, int offset, int dimension, EmbeddingDriftWindow? window, string? noBaseline)
    {
        Name = name;
        Offset = offset;
        Dimension = dimension;
        Window = window;
        _noBaseline = noBaseline;
    }

    public string Name { get; }

    /// <summary>The index of the vector's first value in a row of inputs.</summary>
    public int Offset { get; }

    /// <summary>The native dimension: values the vector takes in a row of inputs.</summary>
    public int Dimension { get; }

    public EmbeddingDriftWindow? Window { get; }

    public static EmbeddingInput Create(FeatureManifest feature, int offset, EmbeddingDriftThresholds thresholds)
    {
        int dimension = feature.Space!.NativeDimension;
        FeatureStats? stats = feature.Stats;
        if (stats?.Norm is not { } norm || stats.MeanVector.Count == 0)
        {
            return new EmbeddingInput(feature.Name, offset, dimension, null, "the manifest holds no stats.norm and stats.meanVector for this vector feature: no test can run");
        }

        if (stats.MeanVector.Count != dimension)
        {
            return new EmbeddingInput(feature.Name, offset, dimension, null, $"stats.meanVector has {stats.MeanVector.Count} values, the space's native dimension is {dimension}: no test can run");
        }

        // The norm's missing count lives on the feature's stats (a missing vector has no norm): the missing-rate test needs it.
        var normWithMissing = new FeatureStats
        {
            Count = norm.Count,
            Missing = stats.Missing,
            Min = norm.Min,
            Max = norm.Max,
            Mean = norm.Mean,
            Std = norm.Std,
            Quantiles = norm.Quantiles,
        };
        try
        {
            // The covariance norms, when the manifest has them, give the tight critical value; else the trace-only one.
            var baseline = new EmbeddingBaseline(normWithMissing, stats.MeanVector, stats.CovarianceFrobeniusNorm, stats.CovarianceSchatten4Norm);
            return new EmbeddingInput(feature.Name, offset, dimension, new EmbeddingDriftWindow(feature.Name, baseline, thresholds), null);
        }
        catch (ArgumentException e)
        {
            return new EmbeddingInput(feature.Name, offset, dimension, null, "the manifest's stats cannot serve as a baseline: " + e.Message);
        }
    }

    /// <summary>Counts the vector in a row of inputs: a vector with a value that is not finite (NaN for every value is
    /// how <c>ReadInputs</c> writes a missing one) counts as missing.</summary>
    /// <param name="inputs">A whole row of inputs.</param>
    /// <param name="scratch">At least <see cref="Dimension"/> floats, the calling thread's own.</param>
    /// <param name="epoch">The row's epoch in the monitor's window (0 for an unbounded monitor).</param>
    public void Add(ReadOnlySpan<double> inputs, float[] scratch, long epoch)
    {
        if (Window is null)
        {
            Interlocked.Increment(ref _rowsWithoutBaseline);
            return;
        }

        ReadOnlySpan<double> values = inputs.Slice(Offset, Dimension);
        Span<float> vector = scratch.AsSpan(0, Dimension);
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (!double.IsFinite(value))
            {
                Window.AddMissing(epoch);
                return;
            }

            // Exact: ReadInputs widened these values from float.
            vector[i] = (float)value;
        }

        Window.Add(vector, epoch);
    }

    public void Reset()
    {
        Window?.Reset();
        Interlocked.Exchange(ref _rowsWithoutBaseline, 0);
    }

    /// <summary>The statistics of the vectors counted in epochs <paramref name="firstEpoch"/> to
    /// <paramref name="lastEpoch"/> of the monitor's window.</summary>
    public EmbeddingDrift Snapshot(long firstEpoch, long lastEpoch)
    {
        if (Window is not null)
        {
            return Window.Snapshot(firstEpoch, lastEpoch);
        }

        string[] notes = [_noBaseline!];
        long rows = Interlocked.Read(ref _rowsWithoutBaseline);
        return new EmbeddingDrift
        {
            Name = Name,
            Status = DriftStatus.NoBaseline,
            Rows = rows,
            Norm = new FeatureDrift { Name = Name + " ‖x‖", Status = DriftStatus.NoBaseline, Rows = rows, Notes = notes },
            Notes = notes,
        };
    }
}

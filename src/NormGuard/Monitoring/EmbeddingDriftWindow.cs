using System;
using System.Collections.Generic;
using System.Globalization;
using NormGuard.Internal;
using NormGuard.Monitoring;

namespace NormGuard;

/// <summary>
/// Counts live vectors of one embedding feature against its <see cref="EmbeddingBaseline"/>: each vector's norm into
/// the scalar drift bins (the baseline norm's 5 %, …, 95 % quantiles) and its elements into a running sum for the
/// mean vector. Memory is fixed (20 bins and d sums) whatever the traffic; <see cref="Snapshot"/> computes the
/// statistics. Thread-safe: <see cref="Add"/> takes a lock, which costs little next to computing an embedding.
/// </summary>
public sealed class EmbeddingDriftWindow
{
    private readonly object _gate = new();
    private readonly FeatureBaseline _norm;
    private readonly long[] _counters;
    private readonly double[] _sums;
    private double _normSum, _normSumOfSquares;
    private long _vectors;

    /// <param name="name">The feature's name, used in reports and errors.</param>
    /// <param name="baseline">The training baseline.</param>
    /// <param name="thresholds">The thresholds, <see cref="EmbeddingDriftThresholds.Default"/> when null.</param>
    public EmbeddingDriftWindow(string name, EmbeddingBaseline baseline, EmbeddingDriftThresholds? thresholds = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        Thresholds = thresholds ?? EmbeddingDriftThresholds.Default;

        // The norm is a scalar feature with the scalar baseline: the same bins, PSI, KS and verdict rules.
        _norm = FeatureBaseline.Create(new FeatureManifest { Name = name + " ‖x‖", Steps = Array.Empty<NormalizationStep>(), Stats = baseline.Norm });
        _counters = new long[_norm.Bins + 1];
        _sums = new double[baseline.Dimension];
    }

    public string Name { get; }

    public EmbeddingBaseline Baseline { get; }

    public EmbeddingDriftThresholds Thresholds { get; }

    /// <summary>Counts one raw vector (before the feature's steps, as the baseline's statistics are of raw vectors).</summary>
    /// <exception cref="ArgumentException">The vector's length is not the baseline's dimension, or an element is not
    /// finite (the message names the feature, the expected and found length, or the element's index).</exception>
    public void Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != _sums.Length)
        {
            throw new ArgumentException(Format($"Embedding feature '{Name}': expected {_sums.Length} values, found {vector.Length}."), nameof(vector));
        }

        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException(Format($"Embedding feature '{Name}': element {i} is {vector[i]}, not a finite number."), nameof(vector));
            }
        }

        double norm = Math.Sqrt(VectorKernels.SumOfSquares(vector));
        int bin = 0;
        foreach (double edge in _norm.Edges)
        {
            bin += norm > edge ? 1 : 0;
        }

        double offset = norm - _norm.Center;
        lock (_gate)
        {
            _counters[bin]++;
            _normSum += offset;
            _normSumOfSquares += offset * offset;
            _vectors++;
            for (int i = 0; i < vector.Length; i++)
            {
                _sums[i] += vector[i];
            }
        }
    }

    /// <summary>Counts a row without a vector (a missing value): it counts towards the norm's missing rate.</summary>
    public void AddMissing()
    {
        lock (_gate)
        {
            _counters[_norm.MissingCounter]++;
        }
    }

    /// <summary>Starts a new window: forgets every vector counted so far.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Array.Clear(_counters);
            Array.Clear(_sums);
            _normSum = _normSumOfSquares = 0;
            _vectors = 0;
        }
    }

    /// <summary>The statistics of the vectors counted since creation or the last <see cref="Reset"/>.</summary>
    public EmbeddingDrift Snapshot()
    {
        long[] counters;
        double[] sums;
        double normSum, normSumOfSquares;
        long vectors;
        lock (_gate)
        {
            counters = (long[])_counters.Clone();
            sums = (double[])_sums.Clone();
            (normSum, normSumOfSquares, vectors) = (_normSum, _normSumOfSquares, _vectors);
        }

        FeatureDrift norm = DriftStatistics.Compute(_norm, counters, normSum, normSumOfSquares, Thresholds.Norm);
        double? distance = vectors > 0 ? EmbeddingMeanTest.CosineDistance(sums, Baseline) : null;
        var reasons = new List<string>(norm.Reasons.Count + 1);
        foreach (string reason in norm.Reasons)
        {
            reasons.Add("norm: " + reason);
        }

        var notes = new List<string>();
        foreach (string note in norm.Notes)
        {
            notes.Add("norm: " + note);
        }

        double? critical = null;
        string? bound = null;
        bool meanJudged = false;
        if (Baseline.MeanVectorLength == 0)
        {
            notes.Add("mean vector: the baseline mean is the zero vector, so no cosine distance to it exists: the test cannot run (the norm tests still do)");
        }
        else if (vectors < Thresholds.MeanMinVectors)
        {
            notes.Add(Format($"mean vector waits for {Thresholds.MeanMinVectors:N0} vectors; {vectors:N0} seen"));
        }
        else
        {
            critical = EmbeddingMeanTest.Critical(Baseline, vectors, Thresholds.MeanSignificance, out string used, out long? needed);
            bound = used;
            if (critical is double c)
            {
                meanJudged = true;
                if (distance is double observed && !(observed <= c))
                {
                    reasons.Add(Format($"mean vector: cosine distance {observed:F4} > {c:F4} (α = {Thresholds.MeanSignificance:G}, {vectors:N0} vectors, {used})"));
                }
            }
            else
            {
                notes.Add(needed is long n
                    ? Format($"mean vector cannot decide with {vectors:N0} vectors: chance alone could turn the mean any way ({used}); needs {n:N0}")
                    : Format($"mean vector cannot decide at any window size: the baseline's {Baseline.Count:N0} vectors fix its mean too loosely ({used})"));
            }
        }

        bool meanApplies = Baseline.MeanVectorLength > 0;
        DriftStatus status = reasons.Count > 0 ? DriftStatus.Drifted
            : norm.Status == DriftStatus.Stable && (meanJudged || !meanApplies) ? DriftStatus.Stable
            : DriftStatus.TooFewRows;
        return new EmbeddingDrift
        {
            Name = Name,
            Status = status,
            Rows = norm.Rows,
            Vectors = vectors,
            Norm = norm,
            MeanCosineDistance = distance,
            MeanCosineCritical = critical,
            MeanCosineBound = bound,
            MeanJudged = meanJudged,
            Reasons = reasons,
            Notes = notes,
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

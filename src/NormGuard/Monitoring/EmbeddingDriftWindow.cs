using System;
using System.Collections.Generic;
using System.Globalization;
using NormGuard.Internal;
using NormGuard.Monitoring;

namespace NormGuard;

/// <summary>
/// Counts live vectors of one embedding feature against its <see cref="EmbeddingBaseline"/>: each vector's norm into
/// the scalar drift bins (the baseline norm's 5 %, …, 95 % quantiles) and its elements into a running sum for the
/// mean vector. Memory is fixed (20 bins and d sums) whatever the traffic; <see cref="Snapshot()"/> computes the
/// statistics. Thread-safe: <see cref="Add(ReadOnlySpan{float})"/> takes a lock, which costs little next to computing an embedding.
/// </summary>
public sealed class EmbeddingDriftWindow
{
    private readonly object _gate = new();
    private readonly FeatureBaseline _norm;
    private readonly int _dimension;

    /// <summary>One bucket for a window of its own; a <see cref="DriftMonitor"/> with a moving window keeps one per
    /// bucket of its window, each holding the counts of one epoch (the epoch modulo their number).</summary>
    private Counts[] _buckets;

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
        _dimension = baseline.Dimension;
        _buckets = [new Counts(_norm.Bins + 1, _dimension, epoch: 0)];
    }

    public string Name { get; }

    public EmbeddingBaseline Baseline { get; }

    public EmbeddingDriftThresholds Thresholds { get; }

    /// <summary>Counts one raw vector (before the feature's steps, as the baseline's statistics are of raw vectors).</summary>
    /// <exception cref="ArgumentException">The vector's length is not the baseline's dimension, or an element is not
    /// finite (the message names the feature, the expected and found length, or the element's index).</exception>
    public void Add(ReadOnlySpan<float> vector)
    {
        Add(vector, epoch: 0);
    }

    /// <summary>Counts one raw vector into the bucket of <paramref name="epoch"/> (see <see cref="UseBuckets"/>).</summary>
    internal void Add(ReadOnlySpan<float> vector, long epoch)
    {
        if (vector.Length != _dimension)
        {
            throw new ArgumentException(Format($"Embedding feature '{Name}': expected {_dimension} values, found {vector.Length}."), nameof(vector));
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
            Counts counts = BucketOf(epoch);
            counts.Counters[bin]++;
            counts.NormSum += offset;
            counts.NormSumOfSquares += offset * offset;
            counts.Vectors++;
            for (int i = 0; i < vector.Length; i++)
            {
                counts.Sums[i] += vector[i];
            }
        }
    }

    /// <summary>Counts a row without a vector (a missing value): it counts towards the norm's missing rate.</summary>
    public void AddMissing() => AddMissing(epoch: 0);

    internal void AddMissing(long epoch)
    {
        lock (_gate)
        {
            BucketOf(epoch).Counters[_norm.MissingCounter]++;
        }
    }

    /// <summary>Starts a new window: forgets every vector counted so far.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (Counts counts in _buckets)
            {
                counts.Clear(counts.Epoch);
            }
        }
    }

    /// <summary>Keeps the counts of <paramref name="buckets"/> epochs apart, for a monitor's moving window; called
    /// before any vector is counted.</summary>
    internal void UseBuckets(int buckets)
    {
        lock (_gate)
        {
            _buckets = new Counts[buckets];
            for (int b = 0; b < buckets; b++)
            {
                _buckets[b] = new Counts(_norm.Bins + 1, _dimension, epoch: buckets == 1 ? 0 : -1);
            }
        }
    }

    /// <summary>The statistics of the vectors counted since creation or the last <see cref="Reset"/>.</summary>
    public EmbeddingDrift Snapshot() => Snapshot(long.MinValue, long.MaxValue);

    /// <summary>The statistics of the vectors counted in epochs <paramref name="firstEpoch"/> to
    /// <paramref name="lastEpoch"/>, the buckets added up oldest first.</summary>
    internal EmbeddingDrift Snapshot(long firstEpoch, long lastEpoch)
    {
        var counters = new long[_norm.Bins + 1];
        var sums = new double[_dimension];
        double normSum = 0, normSumOfSquares = 0;
        long vectors = 0;
        lock (_gate)
        {
            Counts[] inWindow = Array.FindAll(_buckets, b => b.Epoch >= firstEpoch && b.Epoch <= lastEpoch);
            Array.Sort(inWindow, (a, b) => a.Epoch.CompareTo(b.Epoch));
            foreach (Counts counts in inWindow)
            {
                for (int i = 0; i < counters.Length; i++)
                {
                    counters[i] += counts.Counters[i];
                }

                for (int i = 0; i < sums.Length; i++)
                {
                    sums[i] += counts.Sums[i];
                }

                normSum += counts.NormSum;
                normSumOfSquares += counts.NormSumOfSquares;
                vectors += counts.Vectors;
            }
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

    /// <summary>The bucket of <paramref name="epoch"/>, emptied first if it held an older epoch. Under the lock.</summary>
    private Counts BucketOf(long epoch)
    {
        Counts counts = _buckets[(int)(epoch % _buckets.Length)];
        if (counts.Epoch != epoch)
        {
            counts.Clear(epoch);
        }

        return counts;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The counts of one epoch: the norm's bins and moment sums, and the elements' sums.</summary>
    private sealed class Counts(int counters, int dimension, long epoch)
    {
        public readonly long[] Counters = new long[counters];
        public readonly double[] Sums = new double[dimension];
        public double NormSum, NormSumOfSquares;
        public long Vectors;
        public long Epoch = epoch;

        public void Clear(long epoch)
        {
            Array.Clear(Counters);
            Array.Clear(Sums);
            NormSum = NormSumOfSquares = 0;
            Vectors = 0;
            Epoch = epoch;
        }
    }
}

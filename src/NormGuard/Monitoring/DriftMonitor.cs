using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using NormGuard.Monitoring;

namespace NormGuard;

/// <summary>
/// Compares live inputs with a manifest's training baseline (<c>stats</c>): per feature, PSI over the baseline
/// deciles, a KS statistic at the baseline's quantiles, the mean shift in baseline standard deviations, and the
/// missing and unknown-category rates. Rows are only counted into fixed bins, so memory does not grow with traffic;
/// each thread counts into its own counters, so <see cref="Add(ReadOnlySpan{double})"/> takes no lock and is safe
/// from any number of threads. <see cref="Snapshot"/> adds the threads' counters up. The statistics are also published
/// as <c>System.Diagnostics.Metrics</c> instruments of the meter <c>NormGuard</c> until the monitor is disposed.
/// </summary>
/// <remarks>
/// Inputs are raw feature values in manifest order, as the generated <c>ReadInputs</c> writes them: numbers, a
/// one-hot feature's category index (−1 for a category not in the manifest), NaN for a missing value. For feature
/// records use <see cref="DriftMonitor{T}"/>. A snapshot taken while other threads add rows may count a row in one
/// feature and not yet in another.
/// </remarks>
public class DriftMonitor : IDisposable
{
    private readonly FeatureBaseline[] _features;
    private readonly double[] _edgeSlots;
    private readonly double[] _centers;
    private readonly int[] _offsets;
    private readonly int[] _categoryBins;
    private readonly int _counterCount;
    private readonly ThreadLocal<Shard> _shards;
    private readonly object _gate = new();
    private Totals _zero;
    private (DriftReport Report, long Ticks)? _cached;
    private bool _disposed;

    public DriftMonitor(Manifest manifest, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        Thresholds = thresholds ?? DriftThresholds.Default;
        _features = manifest.Features.Select(FeatureBaseline.Create).ToArray();
        _edgeSlots = new double[_features.Length * FeatureBaseline.EdgeSlots];
        _centers = new double[_features.Length];
        _offsets = new int[_features.Length];
        _categoryBins = new int[_features.Length];
        int counters = 0;
        for (int f = 0; f < _features.Length; f++)
        {
            FeatureBaseline feature = _features[f];
            feature.CounterOffset = counters;
            _offsets[f] = counters;
            counters += feature.Bins + 1;
            _centers[f] = feature.Center;
            _categoryBins[f] = feature.IsCategorical ? feature.Bins - 1 : -1;
            feature.WriteEdgeSlots(_edgeSlots.AsSpan(f * FeatureBaseline.EdgeSlots, FeatureBaseline.EdgeSlots));
        }

        _counterCount = counters;
        _zero = new Totals(new long[counters], new double[2 * _features.Length], 0);
        _shards = new ThreadLocal<Shard>(() => new Shard(_counterCount, _features.Length), trackAllValues: true);
        DriftMetrics.Register(this);
    }

    public Manifest Manifest { get; }

    public DriftThresholds Thresholds { get; }

    /// <summary>Inputs per row: the manifest's features.</summary>
    public int InputCount => _features.Length;

    /// <summary>Rows added since the monitor was created or reset.</summary>
    public long Rows => Sum().Rows;

    /// <summary>Counts one row of raw inputs in manifest order (see the remarks).</summary>
    public void Add(ReadOnlySpan<double> inputs)
    {
        if (inputs.Length < _features.Length)
        {
            throw new ArgumentException($"Feature set '{Manifest.FeatureSet}' has {_features.Length} inputs per row; got {inputs.Length}.", nameof(inputs));
        }

        Record(_shards.Value!, inputs);
    }

    /// <summary>The statistics of every feature over the rows added so far.</summary>
    public DriftReport Snapshot()
    {
        Totals totals = Sum();
        var features = new FeatureDrift[_features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            features[f] = DriftStatistics.Compute(_features[f], totals.Counters, totals.Sums[2 * f], totals.Sums[(2 * f) + 1], Thresholds);
        }

        return new DriftReport { FeatureSet = Manifest.FeatureSet, Version = Manifest.Version, Rows = totals.Rows, Thresholds = Thresholds, Features = features };
    }

    /// <summary>Starts a new window: later snapshots count only rows added after this call.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Totals current = SumAll();
            _zero = current;
            _cached = null;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            DriftMetrics.Unregister(this);
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    _shards.Dispose();
                }
            }
        }
    }

    /// <summary>This thread's counters: take once, then <see cref="Record"/> many rows.</summary>
    private protected Shard CurrentShard => _shards.Value!;

    /// <summary>A snapshot at most <paramref name="maxAge"/> old, for metric collection (one per scrape, not per
    /// instrument); null once the monitor is disposed, since a listener may collect while another thread disposes.</summary>
    internal DriftReport? CachedSnapshot(TimeSpan maxAge)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            long now = Environment.TickCount64;
            if (_cached is { } c && now - c.Ticks <= maxAge.TotalMilliseconds)
            {
                return c.Report;
            }

            DriftReport report = Snapshot();
            _cached = (report, now);
            return report;
        }
    }

    private protected void Record(Shard shard, ReadOnlySpan<double> inputs)
    {
        ref long counters = ref MemoryMarshal.GetArrayDataReference(shard.Counters);
        ref double sums = ref MemoryMarshal.GetArrayDataReference(shard.Sums);
        ref double edges = ref MemoryMarshal.GetArrayDataReference(_edgeSlots);
        for (int f = 0; f < _features.Length; f++)
        {
            double value = inputs[f];
            int offset = _offsets[f];
            int categories = _categoryBins[f];
            if (double.IsNaN(value))
            {
                int missing = categories >= 0 ? categories + 1 : FeatureBaseline.NumericBins;
                Unsafe.Add(ref counters, offset + missing)++;
            }
            else if (categories >= 0)
            {
                // A category index, or the "unknown" bin after the categories for −1 (or anything out of range).
                int index = (int)value;
                Unsafe.Add(ref counters, offset + ((uint)index < (uint)categories ? index : categories))++;
            }
            else
            {
                Unsafe.Add(ref counters, offset + Bin(ref Unsafe.Add(ref edges, f * FeatureBaseline.EdgeSlots), value))++;
                double d = value - _centers[f];
                Unsafe.Add(ref sums, 2 * f) += d;
                Unsafe.Add(ref sums, (2 * f) + 1) += d * d;
            }
        }

        shard.Rows++;
    }

    /// <summary>The number of edges below <paramref name="value"/> among 32 sorted slots: five halvings, no branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bin(ref double edges, double value)
    {
        int b = Below(Unsafe.Add(ref edges, 15), value) << 4;
        b += Below(Unsafe.Add(ref edges, b + 7), value) << 3;
        b += Below(Unsafe.Add(ref edges, b + 3), value) << 2;
        b += Below(Unsafe.Add(ref edges, b + 1), value) << 1;
        return b + Below(Unsafe.Add(ref edges, b), value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Below(double edge, double value) => edge < value ? 1 : 0;

    private Totals Sum()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Totals all = SumAll();
            var counters = new long[_counterCount];
            var sums = new double[all.Sums.Length];
            for (int i = 0; i < counters.Length; i++)
            {
                counters[i] = all.Counters[i] - _zero.Counters[i];
            }

            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] = all.Sums[i] - _zero.Sums[i];
            }

            return new Totals(counters, sums, all.Rows - _zero.Rows);
        }
    }

    private Totals SumAll()
    {
        var counters = new long[_counterCount];
        var sums = new double[2 * _features.Length];
        long rows = 0;
        foreach (Shard shard in _shards.Values)
        {
            for (int i = 0; i < counters.Length; i++)
            {
                counters[i] += Volatile.Read(ref shard.Counters[i]);
            }

            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] += Volatile.Read(ref shard.Sums[i]);
            }

            rows += Volatile.Read(ref shard.Rows);
        }

        return new Totals(counters, sums, rows);
    }

    /// <summary>One thread's counters: written by that thread only, read by snapshots.</summary>
    private protected sealed class Shard(int counters, int features)
    {
        public readonly long[] Counters = new long[counters];
        public readonly double[] Sums = new double[2 * features];
        public long Rows;
    }

    private sealed record Totals(long[] Counters, double[] Sums, long Rows);
}

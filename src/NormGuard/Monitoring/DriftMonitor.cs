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
    // The shard this thread used last, so the common case (one monitor per process) skips ThreadLocal's lookup.
    [ThreadStatic]
    private static Shard? t_lastShard;

    private readonly FeatureBaseline[] _features;
    private readonly RowCounter _counter;
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
        int counters = 0;
        foreach (FeatureBaseline feature in _features)
        {
            feature.CounterOffset = counters;
            counters += feature.Bins + 1;
        }

        _counterCount = counters;
        _counter = new RowCounter(_features, counters);
        _zero = new Totals(new long[counters], new double[_counter.SumSlots], 0);
        _shards = new ThreadLocal<Shard>(() => new Shard(this, _counter.Sink + 1, _counter.SumSlots, _counter.Padded), trackAllValues: true);
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

        Shard shard = CurrentShard;
        if (inputs.Length < _counter.Padded)
        {
            // The counter reads whole vectors; pad a copy rather than read past the caller's span.
            inputs.Slice(0, _features.Length).CopyTo(shard.Inputs);
            inputs = shard.Inputs;
        }

        Record(shard, inputs);
    }

    /// <summary>The statistics of every feature over the rows added so far.</summary>
    public DriftReport Snapshot()
    {
        Totals totals = Sum();
        var features = new FeatureDrift[_features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            features[f] = DriftStatistics.Compute(_features[f], totals.Counters, totals.Sums[f], totals.Sums[_counter.Padded + f], Thresholds);
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
    private protected Shard CurrentShard
    {
        get
        {
            Shard? last = t_lastShard;
            if (last is not null && ReferenceEquals(last.Owner, this))
            {
                return last;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            return t_lastShard = _shards.Value!;
        }
    }

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

    /// <summary>Rows counted together by <see cref="RecordBlock"/>: enough to amortize a block's bookkeeping, few enough
    /// that the block's inputs stay in the first-level cache.</summary>
    private protected const int BlockRows = 64;

    /// <summary>Inputs per row in a block: <see cref="InputCount"/> rounded up to whole vectors.</summary>
    private protected int PaddedInputCount => _counter.Padded;

    /// <summary>Counts the first <paramref name="rows"/> rows of the shard's block.</summary>
    private protected void RecordBlock(Shard shard, int rows)
    {
        _counter.CountRows(shard.Counters, shard.Sums, shard.Block, rows);
        shard.Rows += rows;
    }

    /// <summary>Counts one row; <paramref name="inputs"/> holds at least the counter's padded input count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void Record(Shard shard, ReadOnlySpan<double> inputs)
    {
        _counter.Count(shard.Counters, shard.Sums, inputs);
        shard.Rows++;
    }

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
        var sums = new double[_counter.SumSlots];
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
    private protected sealed class Shard(DriftMonitor owner, int counters, int sums, int paddedInputs)
    {
        public readonly DriftMonitor Owner = owner;
        public readonly long[] Counters = new long[counters];
        public readonly double[] Sums = new double[sums];
        public long Rows;

        /// <summary>Scratch for one row's inputs: records are read into it, short spans padded in it.</summary>
        public readonly double[] Inputs = new double[paddedInputs];

        /// <summary>Scratch for a block of rows' inputs, one row after another.</summary>
        public readonly double[] Block = new double[BlockRows * paddedInputs];
    }

    private sealed record Totals(long[] Counters, double[] Sums, long Rows);
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
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
/// one-hot feature's category index (−1 for a category not in the manifest), NaN for a missing value; a vector
/// feature's native-dimension values (NaN for each when missing), which go to an <see cref="EmbeddingDriftWindow"/>
/// per vector feature (<see cref="DriftReport.Embeddings"/>; its window takes a lock per vector). For feature records
/// use <see cref="DriftMonitor{T}"/>. Each thread buffers up to 64 rows and counts them together; a snapshot
/// counts the buffered rows too, so it sees every row a thread has finished adding, exactly once and in every feature.
/// </remarks>
public partial class DriftMonitor : IDisposable
{
    // The shard this thread used last, so the common case (one monitor per process) skips ThreadLocal's lookup.
    [ThreadStatic]
    private static Shard? t_lastShard;

    private readonly FeatureBaseline[] _features;

    // Null for a feature set of scalars only, whose rows take the path above unchanged. With vector features: each
    // scalar feature's index in a row of inputs, and the vector features' drift windows.
    private readonly int[]? _scalarInputs;
    private readonly EmbeddingInput[]? _embeddings;
    private readonly int _inputCount;
    private readonly RowCounter _counter;
    private readonly int _counterCount;
    private readonly ThreadLocal<Shard> _shards;
    private readonly object _gate = new();
    private Totals _zero;
    private (DriftReport Report, long Ticks)? _cached;
    private bool _disposed;

    /// <param name="manifest">The baseline; the default thresholds, no window (see <see cref="Reset"/>).</param>
    public DriftMonitor(Manifest manifest)
        : this(manifest, new DriftMonitorOptions())
    {
    }

    /// <param name="manifest">The baseline.</param>
    /// <param name="thresholds">The thresholds, <see cref="DriftThresholds.Default"/> when null; a vector feature's are
    /// its <see cref="DriftThresholds.Embeddings"/>.</param>
    public DriftMonitor(Manifest manifest, DriftThresholds? thresholds)
        : this(manifest, new DriftMonitorOptions { Thresholds = thresholds })
    {
    }

    /// <param name="manifest">The baseline.</param>
    /// <param name="options">The thresholds, and which rows snapshots cover (<see cref="DriftMonitorOptions.Window"/>: a
    /// tumbling or sliding window by rows or by time).</param>
    public DriftMonitor(Manifest manifest, DriftMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        DriftWindow window = options.Window ?? throw new ArgumentException("DriftMonitorOptions.Window is null; use DriftWindow.Unbounded for no window.", nameof(options));
        TimeProvider timeProvider = options.TimeProvider ?? throw new ArgumentException("DriftMonitorOptions.TimeProvider is null.", nameof(options));
        DriftThresholds? thresholds = options.Thresholds;
        Window = window;
        _buckets = window.Buckets;
        _windowed = window.Kind != DriftWindowKind.Unbounded;
        _bucketRows = window.IsByRows ? window.BucketRows : 0;
        Manifest = manifest;
        Thresholds = thresholds ?? DriftThresholds.Default;
        EmbeddingThresholds = Thresholds.Embeddings ?? EmbeddingDriftThresholds.Default with { Norm = Thresholds };
        var scalars = new List<FeatureBaseline>(manifest.Features.Count);
        var scalarInputs = new List<int>(manifest.Features.Count);
        var embeddings = new List<EmbeddingInput>();
        int input = 0;
        foreach (FeatureManifest feature in manifest.Features)
        {
            if (feature.IsVector)
            {
                EmbeddingInput embedding = EmbeddingInput.Create(feature, input, EmbeddingThresholds);
                embedding.Window?.UseBuckets(window.Buckets);
                embeddings.Add(embedding);
                input += feature.Space!.NativeDimension;
            }
            else
            {
                scalars.Add(FeatureBaseline.Create(feature));
                scalarInputs.Add(input++);
            }
        }

        _features = scalars.ToArray();
        _inputCount = input;
        if (embeddings.Count > 0)
        {
            _scalarInputs = scalarInputs.ToArray();
            _embeddings = embeddings.ToArray();
            HasEmbeddings = true;
        }

        int counters = 0;
        foreach (FeatureBaseline feature in _features)
        {
            feature.CounterOffset = counters;
            counters += feature.Bins + 1;
        }

        _counterCount = counters;
        _counter = new RowCounter(_features, counters);
        _zero = new Totals(new long[counters], new double[_counter.SumSlots], 0);
        _shards = new ThreadLocal<Shard>(() => NewShard(withRowScratch: true), trackAllValues: true);
        StartClock(timeProvider);
        DriftMetrics.Register(this);
    }

    public Manifest Manifest { get; }

    public DriftThresholds Thresholds { get; }

    /// <summary>The thresholds of the vector features (see <see cref="DriftReport.Embeddings"/>): the thresholds'
    /// <see cref="DriftThresholds.Embeddings"/>, or the defaults with the scalar thresholds for the norm.</summary>
    public EmbeddingDriftThresholds EmbeddingThresholds { get; }

    /// <summary>Inputs per row: one per scalar feature, a vector feature's native dimension per vector feature.</summary>
    public int InputCount => _inputCount;

    /// <summary>The manifest has vector features: rows go through <see cref="AddWithEmbeddings"/>.</summary>
    private protected readonly bool HasEmbeddings;

    /// <summary>Each feature's baseline and where its counters start, in manifest order.</summary>
    internal IReadOnlyList<FeatureBaseline> Baselines => _features;

    /// <summary>Rows added since the monitor was created or reset.</summary>
    public long Rows => Sum().Rows;

    /// <summary>Counts one row of raw inputs in manifest order (see the remarks).</summary>
    public void Add(ReadOnlySpan<double> inputs)
    {
        if (inputs.Length < _inputCount)
        {
            throw new ArgumentException($"Feature set '{Manifest.FeatureSet}' has {_inputCount} inputs per row; got {inputs.Length}.", nameof(inputs));
        }

        if (HasEmbeddings)
        {
            AddWithEmbeddings(inputs);
            return;
        }

        Shard shard = CurrentShard;
        if (IsWindowed)
        {
            EnterBucket(shard);
        }

        int pending = shard.Pending;
        inputs.Slice(0, _features.Length).CopyTo(shard.Block.AsSpan(pending * _counter.Padded, _features.Length));
        Publish(shard, pending + 1);
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

        EmbeddingDrift[] embeddings = _embeddings is null ? Array.Empty<EmbeddingDrift>() : Array.ConvertAll(_embeddings, e => e.Snapshot(totals.FirstEpoch, totals.LastEpoch));
        return new DriftReport { FeatureSet = Manifest.FeatureSet, Version = Manifest.Version, Rows = totals.Rows, Thresholds = Thresholds, Features = features, Embeddings = embeddings };
    }

    /// <summary>A row of a feature set with vector features: the scalar inputs are gathered into this thread's block
    /// (counted as any row is), each vector goes to its feature's <see cref="EmbeddingDriftWindow"/>.</summary>
    private protected void AddWithEmbeddings(ReadOnlySpan<double> inputs)
    {
        Shard shard = CurrentShard;
        if (IsWindowed)
        {
            EnterBucket(shard);
        }

        int pending = shard.Pending;
        Span<double> slot = Slot(shard, pending);
        int[] scalarInputs = _scalarInputs!;
        for (int f = 0; f < scalarInputs.Length; f++)
        {
            slot[f] = inputs[scalarInputs[f]];
        }

        foreach (EmbeddingInput embedding in _embeddings!)
        {
            embedding.Add(inputs, shard.VectorScratch, shard.Epoch);
        }

        Publish(shard, pending + 1);
    }

    /// <summary>This thread's row of inputs, for <see cref="DriftMonitor{T}"/> to read a record with vector
    /// features into before <see cref="AddWithEmbeddings"/>.</summary>
    private protected double[] RowScratch => CurrentShard.RowScratch;

    private Shard NewShard(bool withRowScratch)
    {
        int rowInputs = withRowScratch && HasEmbeddings ? _inputCount : 0;
        int vectorValues = withRowScratch && _embeddings is not null ? _embeddings.Max(e => e.Dimension) : 0;
        var shard = new Shard(this, _buckets, _counter.Sink + 1, _counter.SumSlots, _counter.Padded, _counter.ColumnSlots, rowInputs, vectorValues);
        shard.Current = shard.Buckets[0];
        if (IsWindowed)
        {
            // No epoch yet: the first row switches the shard to its bucket.
            shard.Epoch = -1;
            shard.BucketEnd = 0;
            foreach (Bucket bucket in shard.Buckets)
            {
                bucket.Epoch = -1;
            }
        }

        return shard;
    }

    /// <summary>Starts a new window: later snapshots count only rows added after this call. With a
    /// <see cref="DriftWindow"/> that moves, the window restarts empty there (a time window's buckets are timed from
    /// the reset).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (IsWindowed)
            {
                RestartWindow();
                _cached = null;
                return;
            }

            Totals current = SumAll();
            _zero = current;
            if (_embeddings is not null)
            {
                foreach (EmbeddingInput embedding in _embeddings)
                {
                    embedding.Reset();
                }
            }

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
                    _timer?.Dispose();
                    _shards.Dispose();
                }
            }
        }
    }

    /// <summary>This thread's counters: take once, then buffer many rows (see <see cref="Publish"/>).</summary>
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

    /// <summary>Rows buffered in a shard's block before they are counted together: enough to amortize a block's
    /// bookkeeping, few enough that the block's inputs stay in the first-level cache.</summary>
    private protected const int BlockRows = RowCounter.MaxBlockRows;

    /// <summary>Inputs per row in a block: <see cref="InputCount"/> rounded up to whole vectors.</summary>
    private protected int PaddedInputCount => _counter.Padded;

    /// <summary>Row <paramref name="slot"/> of the shard's block, without a bounds check: the slot is the shard's pending
    /// count, below <see cref="BlockRows"/> because <see cref="Publish"/> counts the block as soon as it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected static Span<double> Slot(Shard shard, int slot)
    {
        Debug.Assert((uint)slot < BlockRows);
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(shard.Block), (nint)slot * shard.Padded), shard.Padded);
    }

    /// <summary>
    /// Makes the shard's first <paramref name="pending"/> buffered rows visible to snapshots, and counts the block
    /// when it is full. Only the shard's thread calls this, after writing the rows into the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void Publish(Shard shard, int pending)
    {
        if (pending < BlockRows)
        {
            // A release store: a snapshot that reads this count also sees the rows written before it.
            Volatile.Write(ref shard.Pending, pending);
        }
        else
        {
            Flush(shard);
        }
    }

    /// <summary>Counts the full block into the shard's counters inside a sequence a snapshot can check: odd while
    /// counting, so a snapshot that read counters and buffered rows across a flush (and could see a row twice or not at
    /// all) reads again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Flush(Shard shard)
    {
        long sequence = shard.Sequence;
        Volatile.Write(ref shard.Sequence, sequence + 1);

        // A release store only orders the writes before it: without a full fence the counters, and the next rows
        // written over the block, could become visible (on ARM) before the odd sequence does.
        Interlocked.MemoryBarrier();
        _counter.CountRows(shard.Current.Counters, shard.Current.Sums, shard.Block, BlockRows, shard.Columns);
        shard.Current.Rows += BlockRows;
        shard.Pending = 0;
        Volatile.Write(ref shard.Sequence, sequence + 2);
    }

    /// <summary>The counts since the last reset, every thread's buffered rows included (tests read the bins here).</summary>
    internal Totals Sum()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            (long first, long last) = WindowEpochs();
            Totals all = SumAll(first, last);
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

            return new Totals(counters, sums, all.Rows - _zero.Rows, first, last);
        }
    }

    /// <summary>Every shard's counts in the buckets of epochs <paramref name="first"/> to <paramref name="last"/> (an
    /// unbounded monitor has one bucket, epoch 0), each thread's buffered rows included.</summary>
    private Totals SumAll(long first = 0, long last = 0)
    {
        var counters = new long[_counterCount];
        var sums = new double[_counter.SumSlots];
        long rows = 0;
        Shard copy = NewShard(withRowScratch: false);
        foreach (Shard shard in _shards.Values)
        {
            int pending = ReadConsistently(shard, copy);
            foreach (Bucket bucket in copy.Buckets)
            {
                if (bucket.Epoch >= first && bucket.Epoch <= last)
                {
                    Add(bucket, counters, sums);
                    rows += bucket.Rows;
                }
            }

            if (pending > 0 && copy.Epoch >= first && copy.Epoch <= last)
            {
                // The rows the thread has buffered but not yet counted (it may never: it may have exited); they belong
                // to the shard's current bucket.
                Bucket buffered = copy.Buckets[0];
                Array.Clear(buffered.Counters);
                Array.Clear(buffered.Sums);
                _counter.CountRows(buffered.Counters, buffered.Sums, copy.Block, pending, copy.Columns);
                Add(buffered, counters, sums);
                rows += pending;
            }
        }

        return new Totals(counters, sums, rows);

        static void Add(Bucket bucket, long[] counters, double[] sums)
        {
            for (int i = 0; i < counters.Length; i++)
            {
                counters[i] += bucket.Counters[i];
            }

            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] += bucket.Sums[i];
            }
        }
    }

    /// <summary>Copies a shard's counters, sums, rows and buffered rows as of one moment between two flushes; returns
    /// how many buffered rows were copied.</summary>
    private static int ReadConsistently(Shard shard, Shard copy)
    {
        var spin = default(SpinWait);
        while (true)
        {
            long sequence = Volatile.Read(ref shard.Sequence);
            if ((sequence & 1) == 0)
            {
                int pending = Volatile.Read(ref shard.Pending);
                for (int b = 0; b < shard.Buckets.Length; b++)
                {
                    shard.Buckets[b].CopyTo(copy.Buckets[b]);
                }

                copy.Epoch = shard.Epoch;
                Array.Copy(shard.Block, copy.Block, pending * copy.Inputs.Length);

                // The copies must be complete before the sequence is read again; an acquire read would not keep
                // them from moving after it.
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref shard.Sequence) == sequence)
                {
                    return pending;
                }
            }

            spin.SpinOnce();
        }
    }

    /// <summary>One thread's counters and buffered rows: written by that thread only, read by snapshots.</summary>
    private protected sealed class Shard(DriftMonitor owner, int buckets, int counters, int sums, int paddedInputs, int columns, int rowInputs, int vectorValues)
    {
        public readonly DriftMonitor Owner = owner;
        public readonly int Padded = paddedInputs;

        /// <summary>The counts of the last epochs this thread added rows in, one bucket per epoch modulo their number
        /// (one bucket, epoch 0, for an unbounded monitor).</summary>
        public readonly Bucket[] Buckets = CreateBuckets(buckets, counters, sums);

        /// <summary>The bucket the next flush counts into: the one of <see cref="Epoch"/>.</summary>
        public Bucket Current = null!;

        /// <summary>The epoch of the rows buffered in <see cref="Block"/>: all of them belong to it.</summary>
        public long Epoch;

        /// <summary>Rows windows: the first row number past <see cref="Epoch"/>'s bucket.</summary>
        public long BucketEnd = long.MaxValue;

        /// <summary>Even between flushes, odd during one (see <see cref="Flush"/>).</summary>
        public long Sequence;

        /// <summary>Rows written into <see cref="Block"/> and not yet counted.</summary>
        public int Pending;

        /// <summary>One padded row (its length is the padded input count).</summary>
        public readonly double[] Inputs = new double[paddedInputs];

        /// <summary>Buffered rows' inputs, one padded row after another.</summary>
        public readonly double[] Block = new double[BlockRows * paddedInputs];

        /// <summary>Scratch for the block kernel's float columns.</summary>
        public readonly float[] Columns = new float[columns];

        /// <summary>A whole row of inputs (vector features included); empty for scalars only.</summary>
        public readonly double[] RowScratch = rowInputs == 0 ? Array.Empty<double>() : new double[rowInputs];

        /// <summary>One vector as floats, for its window; empty for scalars only.</summary>
        public readonly float[] VectorScratch = vectorValues == 0 ? Array.Empty<float>() : new float[vectorValues];
    }

    internal sealed record Totals(long[] Counters, double[] Sums, long Rows, long FirstEpoch = 0, long LastEpoch = 0);

    /// <summary>One thread's counts over one epoch of a window (the whole window of an unbounded monitor).</summary>
    private protected sealed class Bucket(int counters, int sums)
    {
        public readonly long[] Counters = new long[counters];
        public readonly double[] Sums = new double[sums];
        public long Rows;

        /// <summary>The epoch counted here; −1 for a bucket not yet used in a window that moves.</summary>
        public long Epoch;

        public void CopyTo(Bucket copy)
        {
            Array.Copy(Counters, copy.Counters, Counters.Length);
            Array.Copy(Sums, copy.Sums, Sums.Length);
            copy.Rows = Rows;
            copy.Epoch = Epoch;
        }

        public void Clear(long epoch)
        {
            Array.Clear(Counters);
            Array.Clear(Sums);
            Rows = 0;
            Epoch = epoch;
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace NormGuard;

/// <summary>
/// Windows that move by themselves (<see cref="DriftWindow"/>). Time is cut into epochs — a row's number divided by
/// the bucket's rows, or the ticks of a timer on the monitor's <see cref="TimeProvider"/> — and each thread's shard keeps
/// one bucket of counters per epoch, modulo the window's buckets. A snapshot adds up the buckets of the window's
/// epochs: the histograms, missing and unknown counts are whole numbers and add up exactly; the moment sums are doubles,
/// added bucket by bucket (docs/drift.md, "Windows").
/// </summary>
public partial class DriftMonitor
{
    private readonly int _buckets;
    private readonly bool _windowed;

    /// <summary>Rows per bucket of a rows window; 0 for a time window or an unbounded monitor.</summary>
    private readonly long _bucketRows;

    /// <summary>Rows numbered so far (rows windows): row n belongs to epoch n / <see cref="_bucketRows"/>.</summary>
    private long _rowsNumbered;

    /// <summary>The current epoch of a time window: the timer's ticks since creation, plus one per reset.</summary>
    private long _epoch;

    /// <summary>The first epoch after the last reset: earlier buckets are not counted.</summary>
    private long _floor;

    private ITimer? _timer;

    /// <summary>Which rows snapshots cover.</summary>
    public DriftWindow Window { get; }

    private protected bool IsWindowed => _windowed;

    private static Bucket[] CreateBuckets(int buckets, int counters, int sums)
    {
        var created = new Bucket[buckets];
        for (int b = 0; b < buckets; b++)
        {
            created[b] = new Bucket(counters, sums);
        }

        return created;
    }

    private void StartClock(TimeProvider timeProvider)
    {
        if (Window.Kind != DriftWindowKind.Unbounded && !Window.IsByRows)
        {
            TimeSpan bucket = Window.BucketDuration;
            _timer = timeProvider.CreateTimer(static state => ((DriftMonitor)state!).Tick(), this, bucket, bucket);
        }
    }

    private void Tick() => Interlocked.Increment(ref _epoch);

    /// <summary>The epochs a snapshot counts: the current one and the <see cref="DriftWindow.Buckets"/> − 1 before it, none
    /// before the last reset; (0, 0) for an unbounded monitor.</summary>
    private (long First, long Last) WindowEpochs()
    {
        if (!IsWindowed)
        {
            return (0, 0);
        }

        long floor = Volatile.Read(ref _floor);

        // A rows window's current epoch is the last numbered row's: right after a bucket fills, the window is the last
        // N rows exactly.
        long numbered = Volatile.Read(ref _rowsNumbered);
        long last = _bucketRows == 0 ? Volatile.Read(ref _epoch) : numbered == 0 ? 0 : (numbered - 1) / _bucketRows;

        return (Math.Max(floor, last - _buckets + 1), last);
    }

    /// <summary>Moves this thread's shard to the epoch of the row it is about to add. A rows window numbers the row (one
    /// atomic increment); a time window reads the epoch the timer advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void EnterBucket(Shard shard)
    {
        if (_bucketRows > 0)
        {
            // A thread's row numbers only grow, so one compare tells whether the row is past its bucket.
            long row = Interlocked.Increment(ref _rowsNumbered) - 1;
            if (row >= shard.BucketEnd)
            {
                SwitchBucket(shard, row / _bucketRows);
            }
        }
        else
        {
            long epoch = Volatile.Read(ref _epoch);
            if (epoch != shard.Epoch)
            {
                SwitchBucket(shard, epoch);
            }
        }
    }

    /// <summary>Counts the rows buffered for the old epoch into its bucket and makes the new epoch's bucket current, inside
    /// the shard's sequence (as a flush), so a snapshot never sees a row in both or in neither.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SwitchBucket(Shard shard, long epoch)
    {
        long sequence = shard.Sequence;
        Volatile.Write(ref shard.Sequence, sequence + 1);
        Interlocked.MemoryBarrier();
        int pending = shard.Pending;
        if (pending > 0)
        {
            _counter.CountRows(shard.Current.Counters, shard.Current.Sums, shard.Block, pending, shard.Columns);
            shard.Current.Rows += pending;
            shard.Pending = 0;
        }

        Bucket next = shard.Buckets[(int)(epoch % _buckets)];
        if (next.Epoch != epoch)
        {
            next.Clear(epoch);
        }

        shard.Current = next;
        shard.Epoch = epoch;
        shard.BucketEnd = _bucketRows > 0 ? (epoch + 1) * _bucketRows : long.MaxValue;
        Volatile.Write(ref shard.Sequence, sequence + 2);
    }

    /// <summary>Reset of a window that moves: the next row starts a new epoch, and the earlier ones are no longer
    /// counted. Called under the monitor's lock.</summary>
    private void RestartWindow()
    {
        if (_bucketRows > 0)
        {
            long numbered, next;
            do
            {
                numbered = Volatile.Read(ref _rowsNumbered);
                next = (numbered + _bucketRows - 1) / _bucketRows * _bucketRows;
            }
            while (Interlocked.CompareExchange(ref _rowsNumbered, next, numbered) != numbered);
            Volatile.Write(ref _floor, next / _bucketRows);
        }
        else
        {
            // Bucket boundaries are timed from the reset.
            _timer!.Change(Window.BucketDuration, Window.BucketDuration);
            Volatile.Write(ref _floor, Interlocked.Increment(ref _epoch));
        }
    }
}

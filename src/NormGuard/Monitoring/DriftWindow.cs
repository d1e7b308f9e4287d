using System;
using System.Globalization;

namespace NormGuard;

/// <summary>
/// Which rows a <see cref="DriftMonitor"/>'s snapshots cover: every row since creation or the last
/// <see cref="DriftMonitor.Reset"/> (<see cref="Unbounded"/>, the default), or a window that moves by itself — tumbling
/// (a fresh window every N rows or every period) or sliding (the last N rows or the last period, moved a bucket at a
/// time). A sliding window is kept as <see cref="Buckets"/> sub-windows whose counts are added up at each snapshot, so
/// it costs <see cref="Buckets"/> times the counters of a tumbling one (per thread that adds rows).
/// </summary>
/// <remarks>
/// Rows windows number each row as it is added (one atomic increment per row); time windows take the buckets'
/// boundaries from the monitor's <see cref="TimeProvider"/> (a timer moves them; the hot path reads one number). See
/// docs/drift.md, "Windows".
/// </remarks>
public sealed record DriftWindow
{
    private DriftWindow(DriftWindowKind kind, long rows, TimeSpan duration, int buckets)
    {
        Kind = kind;
        Rows = rows;
        Duration = duration;
        Buckets = buckets;
    }

    /// <summary>Every row since the monitor was created or reset: windows only by <see cref="DriftMonitor.Reset"/>.</summary>
    public static DriftWindow Unbounded { get; } = new(DriftWindowKind.Unbounded, 0, TimeSpan.Zero, 1);

    public DriftWindowKind Kind { get; }

    /// <summary>Rows per window for a rows window; 0 for a time window.</summary>
    public long Rows { get; }

    /// <summary>The window's length for a time window; zero for a rows window.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Sub-windows the window moves by: 1 for tumbling windows.</summary>
    public int Buckets { get; }

    /// <summary>Rows per bucket (rows windows).</summary>
    internal long BucketRows => Rows / Buckets;

    /// <summary>The length of a bucket (time windows).</summary>
    internal TimeSpan BucketDuration => Duration / Buckets;

    internal bool IsByRows => Rows > 0;

    /// <summary>A fresh window every <paramref name="rows"/> rows: row <paramref name="rows"/> + 1 starts the next one.</summary>
    public static DriftWindow Tumbling(long rows) => new(DriftWindowKind.Tumbling, CheckRows(rows, 1), TimeSpan.Zero, 1);

    /// <summary>A fresh window every <paramref name="duration"/>, from the monitor's creation (or its last reset).</summary>
    public static DriftWindow Tumbling(TimeSpan duration) => new(DriftWindowKind.Tumbling, 0, CheckDuration(duration, 1), 1);

    /// <summary>The last <paramref name="rows"/> rows, moved <paramref name="rows"/> / <paramref name="buckets"/> rows at a
    /// time: a snapshot covers the bucket being filled and the <paramref name="buckets"/> − 1 before it, so exactly the
    /// last <paramref name="rows"/> rows whenever a bucket has just filled.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is not a positive multiple of
    /// <paramref name="buckets"/>, or <paramref name="buckets"/> is not in [1, 1024].</exception>
    public static DriftWindow Sliding(long rows, int buckets) => new(DriftWindowKind.Sliding, CheckRows(rows, CheckBuckets(buckets)), TimeSpan.Zero, buckets);

    /// <summary>The last <paramref name="duration"/>, moved <paramref name="duration"/> / <paramref name="buckets"/> at a
    /// time (the bucket being filled and the <paramref name="buckets"/> − 1 before it).</summary>
    public static DriftWindow Sliding(TimeSpan duration, int buckets) => new(DriftWindowKind.Sliding, 0, CheckDuration(duration, CheckBuckets(buckets)), buckets);

    public override string ToString() => Kind switch
    {
        DriftWindowKind.Unbounded => "unbounded (until Reset)",
        DriftWindowKind.Tumbling when IsByRows => Format($"tumbling, {Rows:N0} rows"),
        DriftWindowKind.Tumbling => Format($"tumbling, {Duration}"),
        _ when IsByRows => Format($"sliding, last {Rows:N0} rows in {Buckets} buckets of {BucketRows:N0}"),
        _ => Format($"sliding, last {Duration} in {Buckets} buckets of {BucketDuration}"),
    };

    private static int CheckBuckets(int buckets) =>
        buckets is >= 1 and <= 1024 ? buckets : throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "A window has 1 to 1024 buckets.");

    private static long CheckRows(long rows, int buckets) =>
        rows <= 0 ? throw new ArgumentOutOfRangeException(nameof(rows), rows, "A window holds at least one row.")
        : rows % buckets != 0 ? throw new ArgumentOutOfRangeException(nameof(rows), rows, Format($"{rows} rows do not split into {buckets} equal buckets; choose a multiple of {buckets}."))
        : rows;

    private static TimeSpan CheckDuration(TimeSpan duration, int buckets) =>
        duration <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(duration), duration, "A window lasts a positive time.")
        : duration.Ticks % buckets != 0 ? throw new ArgumentOutOfRangeException(nameof(duration), duration, Format($"{duration} does not split into {buckets} equal buckets of whole ticks."))
        : duration;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How a <see cref="DriftWindow"/> moves.</summary>
public enum DriftWindowKind
{
    /// <summary>It does not: every row since creation or the last reset.</summary>
    Unbounded,

    /// <summary>A fresh window at each boundary.</summary>
    Tumbling,

    /// <summary>The last N rows or the last period, moved a bucket at a time.</summary>
    Sliding,
}

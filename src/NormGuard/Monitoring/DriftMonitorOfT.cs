using System;

namespace NormGuard;

/// <summary>
/// A <see cref="DriftMonitor"/> for a feature record: the baseline is the manifest the record was generated from, and
/// rows are read with the generated <c>ReadInputs</c>.
/// </summary>
/// <example>
/// <code>
/// using var monitor = new DriftMonitor&lt;Diamond&gt;();
/// monitor.Add(diamond);                      // per request, from any thread
/// DriftReport report = monitor.Snapshot();   // e.g. once a minute; report.AnyDrifted
/// </code>
/// </example>
public sealed class DriftMonitor<T> : DriftMonitor
    where T : INormalizable<T>
{
    public DriftMonitor()
        : base(T.FeatureSet.Manifest)
    {
    }

    public DriftMonitor(DriftThresholds? thresholds)
        : base(T.FeatureSet.Manifest, thresholds)
    {
    }

    /// <param name="options">The thresholds, and which rows snapshots cover, e.g.
    /// <c>new DriftMonitorOptions { Window = DriftWindow.Sliding(TimeSpan.FromHours(1), 12) }</c>.</param>
    public DriftMonitor(DriftMonitorOptions options)
        : base(T.FeatureSet.Manifest, options)
    {
    }

    /// <summary>Counts one row: its inputs are written into this thread's block of buffered rows, which is counted
    /// when full (snapshots count the rows still buffered).</summary>
    public void Add(in T row)
    {
        if (HasEmbeddings)
        {
            AddRecordWithEmbeddings(row);
            return;
        }

        Shard shard = CurrentShard;
        if (IsWindowed)
        {
            EnterBucket(shard);
        }

        int pending = shard.Pending;
        row.ReadInputs(Slot(shard, pending));
        Publish(shard, pending + 1);
    }

    /// <summary>Counts many rows, the same way as one at a time without the per-row bookkeeping.</summary>
    public void Add(ReadOnlySpan<T> rows)
    {
        if (HasEmbeddings || IsWindowed)
        {
            // Each row of a moving window takes its own epoch.
            foreach (ref readonly T row in rows)
            {
                Add(row);
            }

            return;
        }

        Shard shard = CurrentShard;
        int padded = PaddedInputCount;
        int pending = shard.Pending;
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].ReadInputs(shard.Block.AsSpan(pending * padded, padded));
            if (++pending == BlockRows)
            {
                Publish(shard, pending);
                pending = 0;
            }
        }

        Publish(shard, pending);
    }

    /// <summary>A record with vector members: read whole into this thread's row, then split between the scalar block
    /// and the embedding windows.</summary>
    private void AddRecordWithEmbeddings(in T row)
    {
        double[] inputs = RowScratch;
        row.ReadInputs(inputs);
        AddWithEmbeddings(inputs);
    }
}

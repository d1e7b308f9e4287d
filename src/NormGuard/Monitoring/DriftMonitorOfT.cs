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
    public DriftMonitor(DriftThresholds? thresholds = null)
        : base(T.FeatureSet.Manifest, thresholds)
    {
    }

    public void Add(in T row)
    {
        Shard shard = CurrentShard;
        row.ReadInputs(shard.Inputs);
        Record(shard, shard.Inputs);
    }

    /// <summary>Counts many rows: faster per row than <see cref="Add(in T)"/>, since blocks of rows are counted
    /// feature by feature with the bin counts held in registers.</summary>
    public void Add(ReadOnlySpan<T> rows)
    {
        Shard shard = CurrentShard;
        while (!rows.IsEmpty)
        {
            int count = Math.Min(rows.Length, BlockRows);
            ReadOnlySpan<T> block = rows.Slice(0, count);
            for (int r = 0; r < block.Length; r++)
            {
                block[r].ReadInputs(shard.Block.AsSpan(r * PaddedInputCount, PaddedInputCount));
            }

            RecordBlock(shard, count);
            rows = rows.Slice(count);
        }
    }
}

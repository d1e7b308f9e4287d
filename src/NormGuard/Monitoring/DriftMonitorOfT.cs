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
        Span<double> inputs = stackalloc double[T.InputCount];
        row.ReadInputs(inputs);
        Record(CurrentShard, inputs);
    }

    public void Add(ReadOnlySpan<T> rows)
    {
        Shard shard = CurrentShard;
        Span<double> inputs = stackalloc double[T.InputCount];
        foreach (ref readonly T row in rows)
        {
            row.ReadInputs(inputs);
            Record(shard, inputs);
        }
    }
}

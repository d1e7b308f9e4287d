using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// Combines partial fits into one fitter. The single fit sums each feature's values in the data set's row order with
/// numpy's pairwise summation, whose rounding depends on that order; so the merge does not add partial sums (which would
/// give a slightly different double for another partitioning or merge order) but replays every value into one fitter in
/// row order — by (partition, position) — which is exactly what the single fit computed, whatever the order of the files.
/// </summary>
internal static class PartialMerge
{
    public static ManifestFitter Merge(IReadOnlyList<PartialFile.Loaded> partials)
    {
        if (partials.Count == 0)
        {
            throw new CliException("merge needs at least one partial fit file");
        }

        PartialFile.Loaded first = partials[0];
        foreach (PartialFile.Loaded other in partials.Skip(1))
        {
            CheckSameFit(first, other);
        }

        CheckDistinct(partials);
        (int Partial, int Row)[] order = RowOrder(partials);
        if (order.Length == 0)
        {
            throw new CliException($"{string.Join(", ", partials.Select(p => p.Path))}: no training rows in any partial fit; nothing to merge");
        }

        FitSchema schema = first.State.Schema;
        var fitter = new ManifestFitter(schema.FeatureSet, schema.Profile, schema.DType, schema.Features, first.State.Options.ExactLimit);
        for (int f = 0; f < schema.Features.Count; f++)
        {
            if (schema.Features[f].IsVector)
            {
                PartialVectorMerge.Merge(fitter, f, partials, order);
            }
            else if (schema.Features[f].Categories is null && partials.Any(p => p.State.Features[f].Summary is not null))
            {
                MergeSummaries(fitter, f, partials);
            }
            else if (schema.Features[f].Categories is null)
            {
                foreach ((int partial, int row) in order)
                {
                    double value = partials[partial].State.Features[f].Values![row];
                    if (double.IsNaN(value))
                    {
                        fitter.Missing(f);
                    }
                    else
                    {
                        fitter.Value(f, value);
                    }
                }
            }
            else
            {
                // Counts add up the same in any order.
                foreach (PartialFile.Loaded partial in partials)
                {
                    AddCounts(fitter, f, partial.State.Features[f]);
                }
            }
        }

        fitter.AddRows(order.Length);
        return fitter;
    }

    /// <summary>
    /// A feature that some partition summarized (more values than --exact-limit): its values are no longer there to be
    /// replayed, so the partitions' fitter states are merged — moments by Chan's formulas, the KLL sketches — as
    /// <see cref="FeatureSetFitter{T}.Merge"/> merges them. The partials are taken in the data set's partition order, not
    /// the command line's, so that every merge order gives the same manifest; a partial that kept its values adds them, in
    /// row order, through an accumulator of its own.
    /// </summary>
    private static void MergeSummaries(ManifestFitter fitter, int feature, IReadOnlyList<PartialFile.Loaded> partials)
    {
        FitterFeature shape = fitter.Features[feature];
        FeatureAccumulator merged = fitter.Accumulator(feature);
        foreach (PartialFile.Loaded partial in CanonicalOrder(partials))
        {
            PartialFeature state = partial.State.Features[feature];
            if (state.Summary is not null)
            {
                merged.Merge(state.Summary);
                continue;
            }

            var exact = new FeatureAccumulator(shape, fitter.DType == ManifestDType.Float32, fitter.ExactValueLimit);
            List<long> positions = partial.State.Positions;
            foreach (int row in Enumerable.Range(0, positions.Count).OrderBy(r => positions[r]))
            {
                exact.AddValue(state.Values![row]);
            }

            merged.Merge(exact);
        }
    }

    /// <summary>By partition, then first row position; the rows' hash decides between partials that are otherwise alike.</summary>
    internal static IEnumerable<PartialFile.Loaded> CanonicalOrder(IReadOnlyList<PartialFile.Loaded> partials) =>
        partials.OrderBy(p => p.State.Partition)
            .ThenBy(p => p.State.Positions.Count > 0 ? p.State.Positions.Min() : long.MaxValue)
            .ThenBy(p => p.RowsSha256, StringComparer.Ordinal);

    private static void AddCounts(ManifestFitter fitter, int feature, PartialFeature counts)
    {
        for (long i = 0; i < counts.Missing; i++)
        {
            fitter.Missing(feature);
        }

        foreach (KeyValuePair<string, long> pair in counts.TextCounts ?? new Dictionary<string, long>())
        {
            for (long i = 0; i < pair.Value; i++)
            {
                fitter.Category(feature, pair.Key);
            }
        }

        foreach (KeyValuePair<long, long> pair in counts.IntegerCounts ?? new Dictionary<long, long>())
        {
            for (long i = 0; i < pair.Value; i++)
            {
                fitter.Category(feature, pair.Key);
            }
        }
    }

    /// <summary>Partials of one merge must be fits of the same schema with the same options.</summary>
    private static void CheckSameFit(PartialFile.Loaded first, PartialFile.Loaded other)
    {
        string? difference = PartialSchemaJson.Difference(first.State.Schema, other.State.Schema);
        PartialOptions a = first.State.Options, b = other.State.Options;
        difference ??= a.ExactLimit != b.ExactLimit ? $"--exact-limit {b.ExactLimit} instead of {a.ExactLimit}"
            : a.TrainingRule != b.TrainingRule ? $"training rows chosen by {b.TrainingRule} instead of {a.TrainingRule}"
            : a.Split != b.Split ? "another split"
            : null;
        if (difference is not null)
        {
            throw new CliException($"{other.Path}: cannot be merged with {first.Path}: it was fitted with {difference} (template {other.State.Schema.Origin} vs {first.State.Schema.Origin}); fit every partition with the same template and options");
        }
    }

    private static void CheckDistinct(IReadOnlyList<PartialFile.Loaded> partials)
    {
        var byRows = new Dictionary<string, PartialFile.Loaded>(StringComparer.Ordinal);
        foreach (PartialFile.Loaded partial in partials.Where(p => p.State.TrainingRows > 0))
        {
            if (!byRows.TryAdd(partial.RowsSha256, partial))
            {
                PartialFile.Loaded earlier = byRows[partial.RowsSha256];
                throw new CliException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{partial.Path}: holds the same partition as {earlier.Path} (partition {partial.State.Partition}, {partial.State.TrainingRows:N0} training rows, rows sha256 {partial.RowsSha256[..16]}…); a partition merged twice would count its rows twice"));
            }
        }
    }

    /// <summary>Every training row of every partial, in the data set's row order; a row in two partials is an error.</summary>
    private static (int Partial, int Row)[] RowOrder(IReadOnlyList<PartialFile.Loaded> partials)
    {
        var keys = new List<(long Partition, long Position, int Partial, int Row)>();
        for (int p = 0; p < partials.Count; p++)
        {
            List<long> positions = partials[p].State.Positions;
            for (int r = 0; r < positions.Count; r++)
            {
                keys.Add((partials[p].State.Partition, positions[r], p, r));
            }
        }

        // The file index breaks ties only so that an overlap is reported the same way on every run.
        keys.Sort((x, y) => x.Partition != y.Partition ? x.Partition.CompareTo(y.Partition) : x.Position != y.Position ? x.Position.CompareTo(y.Position) : x.Partial.CompareTo(y.Partial));
        for (int i = 1; i < keys.Count; i++)
        {
            if (keys[i].Partition == keys[i - 1].Partition && keys[i].Position == keys[i - 1].Position)
            {
                string a = partials[keys[i - 1].Partial].Path, b = partials[keys[i].Partial].Path;
                throw new CliException($"{b}: its row at position {keys[i].Position} of partition {keys[i].Partition} is also in {a}; partitions overlap, or one was merged twice. " +
                    "Give each partial its own --partition, or the rows' places in the whole data set with --first-row or --row-column");
            }
        }

        return keys.Select(k => (k.Partial, k.Row)).ToArray();
    }
}

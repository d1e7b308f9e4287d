using System.Collections.Generic;
using System.Linq;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// Merges a vector (embedding) feature. While every partial kept its vectors, they are replayed into the fitter in the
/// data set's row order, as the scalar values are: the fitter then computes what the single fit computes, bit for bit
/// (scikit-learn's per-dimension sums run row after row, and so do the co-moments and the norms' sums). When a partition
/// summarized them, the partials' vector fitter states are merged with the fitter's own <see cref="VectorAccumulator.Merge"/>
/// (per-dimension moments and the co-moment matrix by Chan, Golub and LeVeque's formulas, the norms' stores) in the data
/// set's partition order, so that every merge order gives the same bytes.
/// </summary>
internal static class PartialVectorMerge
{
    public static void Merge(ManifestFitter fitter, int feature, IReadOnlyList<PartialFile.Loaded> partials, (int Partial, int Row)[] order)
    {
        if (partials.All(p => p.State.Features[feature].Vectors is not null))
        {
            foreach ((int partial, int row) in order)
            {
                float[]? vector = partials[partial].State.Features[feature].Vectors![row];
                if (vector is null)
                {
                    fitter.Missing(feature);
                }
                else
                {
                    fitter.Vector(feature, vector);
                }
            }

            return;
        }

        VectorAccumulator merged = fitter.Accumulator(feature).Vector!;
        foreach (PartialFile.Loaded partial in PartialMerge.CanonicalOrder(partials))
        {
            PartialFeature state = partial.State.Features[feature];
            if (state.VectorSummary is not null)
            {
                merged.Merge(state.VectorSummary);
                continue;
            }

            var exact = new VectorAccumulator(fitter.Features[feature], merged.ExactValueLimit);
            List<long> positions = partial.State.Positions;
            foreach (int row in Enumerable.Range(0, positions.Count).OrderBy(r => positions[r]))
            {
                if (state.Vectors![row] is { } vector)
                {
                    exact.Add(vector);
                }
                else
                {
                    exact.AddMissing();
                }
            }

            merged.Merge(exact);
        }
    }
}

using System.Collections.Generic;
using System.Linq;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// Takes a partition's training rows from <see cref="FitJob"/> and keeps what a merge needs to reproduce the single fit:
/// numeric values exactly and in row order (the fitter's sums are numpy's pairwise sums, which depend on the order, so
/// the merge replays all values in the data set's row order), category counts, missing counts and row positions.
/// </summary>
internal sealed class PartialRecorder : IFitTarget
{
    private readonly PartialFeature[] _features;
    private readonly List<long> _positions = new();
    private readonly HashSet<long> _seen = new();

    public PartialRecorder(FitSchema schema)
    {
        _features = schema.Features.Select(PartialFeature.For).ToArray();
    }

    public List<long> Positions => _positions;

    public PartialFeature[] Features => _features;

    public void Value(int feature, double value) => _features[feature].Values!.Add(value);

    public void Missing(int feature)
    {
        PartialFeature state = _features[feature];
        if (state.Values is not null)
        {
            state.Values.Add(double.NaN);
        }
        else
        {
            state.Missing++;
        }
    }

    public void Category(int feature, string? text)
    {
        if (text is null)
        {
            _features[feature].Missing++;
            return;
        }

        Dictionary<string, long> counts = _features[feature].TextCounts!;
        counts.TryGetValue(text, out long count);
        counts[text] = count + 1;
    }

    public void Category(int feature, long value)
    {
        Dictionary<long, long> counts = _features[feature].IntegerCounts!;
        counts.TryGetValue(value, out long count);
        counts[value] = count + 1;
    }

    public bool EndRow(long position)
    {
        if (!_seen.Add(position))
        {
            return false;
        }

        _positions.Add(position);
        return true;
    }
}

using System.Collections.Generic;
using System.Linq;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// Takes a partition's training rows from <see cref="FitJob"/> and keeps what a merge needs to reproduce the single fit:
/// numeric values exactly and in row order (the fitter's sums are numpy's pairwise sums, which depend on the order, so
/// the merge replays all values in the data set's row order), category counts, missing counts and row positions. A numeric
/// feature with more than <c>--exact-limit</c> values in the partition is handed to the fitter's own accumulator from
/// then on (moments and quantile sketch), so memory and the partial's size stay bounded; a vector feature likewise keeps
/// its vectors up to the vector fit's limit and then becomes the fitter's <see cref="VectorAccumulator"/>.
/// </summary>
internal sealed class PartialRecorder : IFitTarget
{
    private readonly PartialFeature[] _features;
    private readonly List<long> _positions = new();
    private readonly FitSchema _schema;
    private readonly long _exactLimit;
    private HashSet<long>? _seen;

    public PartialRecorder(FitSchema schema, long exactLimit)
    {
        _schema = schema;
        _exactLimit = exactLimit;
        _features = schema.Features.Select(PartialFeature.For).ToArray();
    }

    public List<long> Positions => _positions;

    public PartialFeature[] Features => _features;

    public void Value(int feature, double value)
    {
        PartialFeature state = _features[feature];
        if (state.Summary is not null)
        {
            state.Summary.AddValue(value);
            return;
        }

        state.Values!.Add(value);
        if (state.Values.Count > _exactLimit)
        {
            Summarize(feature);
        }
    }

    public void Vector(int feature, System.ReadOnlySpan<float> vector)
    {
        PartialFeature state = _features[feature];
        if (state.VectorSummary is not null)
        {
            state.VectorSummary.Add(vector);
            return;
        }

        state.Vectors!.Add(vector.ToArray());
        state.VectorValues += vector.Length;
        if (state.VectorValues > VectorLimit)
        {
            SummarizeVectors(feature);
        }
    }

    /// <summary>Floats of one vector feature kept as rows before the partial carries the fitter's state instead: the single fit's limit.</summary>
    private long VectorLimit => _exactLimit * FeatureAccumulator.VectorValuesPerScalarValue;

    public void Missing(int feature)
    {
        PartialFeature state = _features[feature];
        if (state.VectorSummary is not null)
        {
            state.VectorSummary.AddMissing();
        }
        else if (state.Vectors is not null)
        {
            state.Vectors.Add(null);
        }
        else if (state.Summary is not null)
        {
            state.Summary.AddMissing();
        }
        else if (state.Values is not null)
        {
            Value(feature, double.NaN);
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
        // Rows placed by --partition or --first-row come in increasing order and cannot repeat; a set of the positions
        // seen is built only once a position is not above the last one (--row-column), so that memory stays 8 bytes a row.
        if (_positions.Count > 0 && position <= _positions[^1])
        {
            _seen ??= new HashSet<long>(_positions);
            if (!_seen.Add(position))
            {
                return false;
            }
        }
        else
        {
            _seen?.Add(position);
        }

        _positions.Add(position);
        return true;
    }

    /// <summary>The vectors so far go into the fitter's vector accumulator, in row order, as the single fit adds them.</summary>
    private void SummarizeVectors(int feature)
    {
        PartialFeature state = _features[feature];
        var summary = new VectorAccumulator(_schema.Features[feature], VectorLimit);
        foreach (float[]? vector in state.Vectors!)
        {
            if (vector is null)
            {
                summary.AddMissing();
            }
            else
            {
                summary.Add(vector);
            }
        }

        state.VectorSummary = summary;
        state.Vectors = null;
    }

    /// <summary>The feature's values so far go into the fitter's accumulator (in row order, as the single fit adds them).</summary>
    private void Summarize(int feature)
    {
        PartialFeature state = _features[feature];
        var summary = new FeatureAccumulator(_schema.Features[feature], _schema.DType == NormGuard.ManifestDType.Float32, _exactLimit);
        foreach (double value in state.Values!)
        {
            summary.AddValue(value);
        }

        state.Summary = summary;
        state.Values = null;
    }
}

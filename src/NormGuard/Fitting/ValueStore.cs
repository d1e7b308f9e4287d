using System;
using System.Collections.Generic;

namespace NormGuard.Fitting;

/// <summary>
/// The values of one feature: kept exactly (numpy-exact sums and quantiles) up to a limit, then summarized by a
/// <see cref="QuantileSketch"/> so that memory stays bounded however many rows arrive. Moments are tracked beside it
/// in both modes, merged with Chan's formulas, for when the values are gone.
/// </summary>
internal sealed class ValueStore(long exactLimit)
{
    private List<double>? _values = new();
    private QuantileSketch? _sketch;
    private Moments _moments;

    /// <summary>All values are still held; sums and quantiles are exact.</summary>
    public bool IsExact => _values is not null;

    public long Count => _moments.Count;

    public Moments Moments => _moments;

    /// <summary>The values in arrival order; only while <see cref="IsExact"/>.</summary>
    public List<double> Values => _values ?? throw new InvalidOperationException("the values were summarized by a sketch");

    public void Add(double value)
    {
        _moments.Add(value);
        if (_values is null)
        {
            _sketch!.Add(value);
            return;
        }

        _values.Add(value);
        if (_values.Count > exactLimit)
        {
            Summarize();
        }
    }

    public void Merge(ValueStore other)
    {
        _moments.Merge(other._moments);
        if (_values is not null && other._values is not null)
        {
            _values.AddRange(other._values);
            if (_values.Count > exactLimit)
            {
                Summarize();
            }

            return;
        }

        if (_values is not null)
        {
            Summarize();
        }

        if (other._values is null)
        {
            _sketch!.Merge(other._sketch!);
        }
        else
        {
            foreach (double value in other._values)
            {
                _sketch!.Add(value);
            }
        }
    }

    /// <summary>The sketch that summarizes the values once they are no longer held.</summary>
    internal QuantileSketch? Sketch => _sketch;

    /// <summary>A store summarized elsewhere (a partial fit read from a file): its moments and its sketch.</summary>
    internal static ValueStore Summarized(long exactLimit, Moments moments, QuantileSketch sketch)
    {
        if (moments.Count != sketch.Count)
        {
            throw new FormatException($"moments of {moments.Count} values beside a sketch of {sketch.Count}");
        }

        return new ValueStore(exactLimit) { _values = null, _sketch = sketch, _moments = moments };
    }

    /// <summary>numpy's percentile (linear); within the sketch's rank error once summarized.</summary>
    public double Percentile(double percent, bool float32) =>
        _values is null ? _sketch!.Percentile(percent, float32) : Quantiles.Percentile(Sorted(), percent, float32);

    public double Median(bool float32) => _values is null ? _sketch!.Median(float32) : Quantiles.Median(Sorted(), float32);

    /// <summary>Spark's QuantileSummaries.query (no interpolation).</summary>
    public double Spark(double q) => _values is null ? _sketch!.Quantile(q) : Quantiles.Spark(Sorted(), q);

    private List<double>? _sorted;

    private List<double> Sorted()
    {
        if (_sorted is null || _sorted.Count != _values!.Count)
        {
            _sorted = new List<double>(_values!);
            _sorted.Sort();
        }

        return _sorted;
    }

    private void Summarize()
    {
        _sketch = new QuantileSketch();
        foreach (double value in _values!)
        {
            _sketch.Add(value);
        }

        _values = null;
        _sorted = null;
    }
}

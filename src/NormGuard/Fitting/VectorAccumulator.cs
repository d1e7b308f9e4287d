using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGuard.Fitting;

/// <summary>
/// Everything a fitter learns about one vector feature: per-dimension mean and variance of the raw vectors, their norm
/// distribution, their co-moment matrix (for the two covariance norms of <c>stats</c>) and their count; mergeable across
/// partitions.
/// </summary>
/// <remarks>
/// scikit-learn's <c>StandardScaler</c> on float32 rows sums each column in float64 row after row (numpy reduces axis 0
/// of a C-ordered matrix one row at a time, not pairwise), takes the mean, then sums the deviations and their squares the
/// same way (<c>_incremental_mean_and_var</c>). To give its parameters bit for bit the rows are kept, as float32, up to
/// <see cref="ExactValueLimit"/> values; a merge appends the other partition's rows, which is what one pass over both in
/// that order gives. Past the limit the rows become per-dimension streaming moments (Welford, merged by Chan et al.),
/// within about 1e-15 relative of the exact values, like the scalar fit's summaries.
/// </remarks>
internal sealed class VectorAccumulator
{
    private readonly FitterFeature _feature;
    private readonly int _dimension;
    private readonly ValueStore _norms;
    private List<float>? _rows = new();
    private Moments[]? _moments;
    private CoMoments? _coMoments;
    private long _count;
    private long _missing;

    public VectorAccumulator(FitterFeature feature, long exactValueLimit)
    {
        _feature = feature;
        _dimension = feature.NativeDimension;
        ExactValueLimit = exactValueLimit;
        _norms = new ValueStore(exactValueLimit);
    }

    /// <summary>Floats kept as rows before the fit summarizes them.</summary>
    public long ExactValueLimit { get; }

    public bool IsExact => _rows is not null && _norms.IsExact;

    public long Count => _count;

    public void Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != _dimension)
        {
            throw new ArgumentException($"Feature '{_feature.Name}' (space '{_feature.Space}'): expected {_dimension.ToString(CultureInfo.InvariantCulture)} values, found {vector.Length.ToString(CultureInfo.InvariantCulture)}.", nameof(vector));
        }

        double squares = 0d;
        for (int i = 0; i < vector.Length; i++)
        {
            float value = vector[i];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Feature '{_feature.Name}' (space '{_feature.Space}'): element {i.ToString(CultureInfo.InvariantCulture)} is {value.ToString(CultureInfo.InvariantCulture)}; an embedding's values must be finite.", nameof(vector));
            }

            // A float's square is exact in a double; the sum runs in index order.
            squares += (double)value * value;
        }

        _norms.Add(Math.Sqrt(squares));
        _count++;
        if (_rows is not null && _rows.Count + (long)_dimension > ExactValueLimit)
        {
            Summarize();
        }

        if (_rows is not null)
        {
            _rows.AddRange(vector);
        }
        else
        {
            for (int j = 0; j < _dimension; j++)
            {
                _moments![j].Add(vector[j]);
            }

            _coMoments?.Add(vector);
        }
    }

    public void AddMissing() => _missing++;

    public long Missing => _missing;

    public void Merge(VectorAccumulator other)
    {
        if (other._dimension != _dimension)
        {
            throw new ArgumentException($"Feature '{_feature.Name}': cannot merge a fit of {other._dimension} dimensions into one of {_dimension}.", nameof(other));
        }

        if (_rows is not null && other._rows is not null && _rows.Count + (long)other._rows.Count <= ExactValueLimit)
        {
            _rows.AddRange(other._rows);
        }
        else
        {
            Summarize();
            Moments[] theirs = other._moments ?? MomentsOf(other._rows!, other._dimension);
            for (int j = 0; j < _dimension; j++)
            {
                _moments![j].Merge(theirs[j]);
            }

            if (_coMoments is not null)
            {
                _coMoments.Merge(other._coMoments ?? CoMoments.FromRows(other._rows!, other._dimension));
            }
        }

        _norms.Merge(other._norms);
        _count += other._count;
        _missing += other._missing;
    }

    /// <summary>The vectors kept as float32 rows (row-major), or null once summarized.</summary>
    internal IReadOnlyList<float>? Rows => _rows;

    /// <summary>Per-dimension moments once the rows are summarized, else null.</summary>
    internal Moments[]? DimensionMoments => _moments;

    /// <summary>The co-moments once the rows are summarized (null above <see cref="CoMoments.MaxDimension"/>), else null.</summary>
    internal CoMoments? SummarizedCoMoments => _coMoments;

    /// <summary>The norms of the vectors: their values, or moments and quantile sketch.</summary>
    internal ValueStore Norms => _norms;

    /// <summary>
    /// An accumulator that a partial fit summarized (read back from its file): its per-dimension moments, co-moments and
    /// norm store; nothing that could not come from vectors of this feature is accepted.
    /// </summary>
    internal static VectorAccumulator Summarized(FitterFeature feature, long exactValueLimit, long missing, Moments[] moments, CoMoments? coMoments, ValueStore norms)
    {
        int d = feature.NativeDimension;
        long count = norms.Count;
        if (moments.Length != d)
        {
            throw new FormatException(FormattableString.Invariant($"feature '{feature.Name}' has {d} dimensions, its moments {moments.Length}"));
        }

        if (moments.Any(m => m.Count != count) || (coMoments is not null && coMoments.Count != count))
        {
            throw new FormatException(FormattableString.Invariant($"feature '{feature.Name}': moments, co-moments and norms count different vectors (norms: {count})"));
        }

        if ((coMoments is null) != (d > CoMoments.MaxDimension) || missing < 0)
        {
            throw new FormatException(FormattableString.Invariant($"feature '{feature.Name}': co-moments are kept exactly up to {CoMoments.MaxDimension} dimensions, and missing counts are never negative"));
        }

        return new VectorAccumulator(feature, exactValueLimit, norms) { _rows = null, _moments = moments, _coMoments = coMoments, _count = count, _missing = missing };
    }

    private VectorAccumulator(FitterFeature feature, long exactValueLimit, ValueStore norms)
        : this(feature, exactValueLimit) => _norms = norms;

    /// <summary>The per-dimension mean and population variance (ddof 0) of the raw vectors, as scikit-learn computes them.</summary>
    public (double[] Mean, double[] Variance) Statistics()
    {
        var mean = new double[_dimension];
        var variance = new double[_dimension];
        if (_rows is null)
        {
            for (int j = 0; j < _dimension; j++)
            {
                mean[j] = _moments![j].Mean;
                variance[j] = _moments[j].Variance(0);
            }

            return (mean, variance);
        }

        int rows = _rows.Count / _dimension;
        var correction = new double[_dimension];
        var squares = new double[_dimension];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < _dimension; j++)
            {
                mean[j] += _rows[(i * _dimension) + j];
            }
        }

        for (int j = 0; j < _dimension; j++)
        {
            mean[j] /= rows;
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < _dimension; j++)
            {
                double deviation = _rows[(i * _dimension) + j] - mean[j];
                correction[j] += deviation;
                squares[j] += deviation * deviation;
            }
        }

        for (int j = 0; j < _dimension; j++)
        {
            variance[j] = (squares[j] - (correction[j] * correction[j] / rows)) / rows;
        }

        return (mean, variance);
    }

    /// <summary>The raw vectors' norm distribution: count, min, max, mean, std (ddof 0) and the percentiles 0 to 100.</summary>
    public FeatureStats NormStats()
    {
        Moments moments = _norms.Moments;
        if (moments.Count == 0)
        {
            return new FeatureStats();
        }

        double mean = _norms.IsExact ? NumpySums.Mean(_norms.Values) : moments.Mean;
        double std = _norms.IsExact ? Math.Sqrt(NumpySums.Variance(_norms.Values, mean, 0)) : Math.Sqrt(moments.Variance(0));
        return new FeatureStats
        {
            Count = moments.Count,
            Min = moments.Min,
            Max = moments.Max,
            Mean = mean,
            Std = std,
            Quantiles = Enumerable.Range(0, 101).Select(p => _norms.Percentile(p, float32: false)).ToArray(),
        };
    }

    /// <summary>The fitted vector feature: its space, its steps with the fitted parameters, and the raw vectors' baseline.</summary>
    public FeatureManifest ToFeature()
    {
        (double[] mean, double[] variance) = _count > 0 ? Statistics() : (Array.Empty<double>(), Array.Empty<double>());
        (double? frobenius, double? schatten4) = CovarianceNorms();
        int dimension = _dimension;
        var steps = new List<NormalizationStep>();
        foreach (FitStep step in _feature.Steps)
        {
            switch (step.Kind)
            {
                case FitStepKind.L2:
                    steps.Add(new L2NormalizeStep(step.First));
                    break;
                case FitStepKind.Truncate:
                    dimension = (int)step.First;
                    steps.Add(new TruncateStep(dimension));
                    break;
                case FitStepKind.Pca:
                    throw new InvalidOperationException($"Feature '{_feature.Name}': a pca step is not fitted by NormGuard. Fit PCA in scikit-learn on the embeddings and import it ('normguard import pca.pkl --template ...', docs/import.md).");
                default:
                    if (_count == 0)
                    {
                        throw new InvalidOperationException($"Feature '{_feature.Name}' has no vectors to fit its {step.Kind} step on.");
                    }

                    // Only truncation may precede the fitted step (VectorSteps), so it sees the first `dimension` raw values.
                    double[] fittedMean = mean[..dimension];
                    steps.Add(step.Kind == FitStepKind.Center
                        ? new CenterStep(fittedMean)
                        : new VectorZScoreStep(fittedMean, Enumerable.Range(0, dimension).Select(j => Scale(variance[j], mean[j])).ToArray()));
                    break;
            }
        }

        return new FeatureManifest
        {
            Name = _feature.Name,
            Space = new EmbeddingSpaceDeclaration(_feature.Space!, _feature.Model!, _dimension, _feature.Dimension) { Revision = _feature.Revision },
            Steps = steps,
            Missing = _feature.Missing ?? (_feature.Nullable ? MissingValuePolicy.Propagate : MissingValuePolicy.Error),
            Stats = new FeatureStats
            {
                Count = _count,
                Missing = _missing,
                Norm = NormStats(),
                MeanVector = mean,
                CovarianceFrobeniusNorm = frobenius,
                CovarianceSchatten4Norm = schatten4,
            },
        };
    }

    /// <summary>√tr(Σ²) and (tr Σ⁴)^¼ of the raw vectors' population covariance (<see cref="CoMoments"/>); nulls without
    /// vectors or above <see cref="CoMoments.MaxDimension"/> dimensions.</summary>
    public (double? Frobenius, double? Schatten4) CovarianceNorms() =>
        _rows is not null && _dimension <= CoMoments.MaxDimension ? CoMoments.FromRows(_rows, _dimension).Norms()
        : _coMoments?.Norms() ?? (null, null);

    // StandardScaler's scale_: √variance, and 1 for a dimension that is constant up to rounding (as for scalar features).
    private double Scale(double variance, double mean) =>
        FeatureAccumulator.IsConstant(variance, mean, _count) ? 1d : Math.Sqrt(Math.Max(variance, 0d));

    private void Summarize()
    {
        if (_rows is null)
        {
            return;
        }

        _moments = MomentsOf(_rows, _dimension);
        _coMoments = _dimension <= CoMoments.MaxDimension ? CoMoments.FromRows(_rows, _dimension) : null;
        _rows = null;
    }

    private static Moments[] MomentsOf(List<float> rows, int dimension)
    {
        var moments = new Moments[dimension];
        for (int i = 0; i < rows.Count; i++)
        {
            moments[i % dimension].Add(rows[i]);
        }

        return moments;
    }
}

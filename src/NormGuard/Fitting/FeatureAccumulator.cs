using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGuard.Fitting;

/// <summary>Everything a fitter learns about one feature; mergeable across partitions.</summary>
internal sealed class FeatureAccumulator
{
    private readonly FitterFeature _feature;
    private readonly bool _float32;
    private readonly int _fittedIndex;
    private readonly ValueStore _raw;
    private readonly ValueStore? _transformed;
    private readonly Dictionary<long, long>? _integerCounts;
    private readonly Dictionary<string, long>? _stringCounts;
    private readonly VectorAccumulator? _vector;
    private long _missing;

    /// <summary>A vector feature keeps this many times the scalar limit of values as float32 rows (16 million floats,
    /// 64 MB, by default: 40,000 rows of 384 dimensions) before summarizing them.</summary>
    public const int VectorValuesPerScalarValue = 16;

    public FeatureAccumulator(FitterFeature feature, bool float32, long exactLimit)
    {
        _feature = feature;
        _raw = new ValueStore(exactLimit);
        _float32 = float32;
        if (feature.IsVector)
        {
            _vector = new VectorAccumulator(feature, exactLimit * VectorValuesPerScalarValue);
            _fittedIndex = -1;
            return;
        }

        _fittedIndex = Array.FindIndex(feature.Steps, s => s.IsFitted);
        if (feature.Steps.Count(s => s.IsFitted) > 1)
        {
            throw new NotSupportedException($"Feature '{feature.Name}' has more than one fitted step; NormGuard fits one scaling step per feature (pre-steps such as log1p may precede it).");
        }

        int preSteps = _fittedIndex < 0 ? 0 : _fittedIndex;
        if (preSteps > 0)
        {
            _transformed = new ValueStore(exactLimit);
        }

        if (feature.Categories is CategoryKind.String or CategoryKind.Inferred)
        {
            _stringCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        }
        else if (feature.Categories is not null)
        {
            _integerCounts = new Dictionary<long, long>();
        }
    }

    public FitterFeature Feature => _feature;

    /// <summary>Every value is still held, so sums and quantiles are exact.</summary>
    public bool IsExact => _raw.IsExact && (_transformed?.IsExact ?? true) && (_vector?.IsExact ?? true);

    /// <summary>The vector feature's accumulator; null for a scalar feature.</summary>
    internal VectorAccumulator? Vector => _vector;

    public void AddVector(ReadOnlySpan<float> vector) =>
        (_vector ?? throw new InvalidOperationException($"Feature '{_feature.Name}' is not a vector feature; add its values one at a time.")).Add(vector);

    public void AddValue(double value)
    {
        if (_vector is not null)
        {
            throw new InvalidOperationException($"Feature '{_feature.Name}' is a vector feature ({_feature.NativeDimension} values a row); add it as a vector.");
        }

        if (double.IsNaN(value))
        {
            // As scikit-learn's scalers do, NaN is a missing value: ignored by the fit, counted in the baseline.
            _missing++;
            return;
        }

        _raw.Add(value);
        if (_fittedIndex < 0)
        {
            return;
        }

        double transformed = value;
        for (int i = 0; i < _fittedIndex; i++)
        {
            transformed = _feature.Steps[i].Transform(transformed, _float32);
        }

        if (double.IsNaN(transformed))
        {
            return;
        }

        _transformed?.Add(transformed);
    }

    public void AddMissing()
    {
        if (_vector is not null)
        {
            _vector.AddMissing();
            return;
        }

        _missing++;
    }

    public void AddCategory(long value)
    {
        _integerCounts!.TryGetValue(value, out long count);
        _integerCounts[value] = count + 1;
    }

    public void AddCategory(string? value)
    {
        if (value is null)
        {
            _missing++;
            return;
        }

        _stringCounts!.TryGetValue(value, out long count);
        _stringCounts[value] = count + 1;
    }

    public void Merge(FeatureAccumulator other)
    {
        if (_vector is not null || other._vector is not null)
        {
            (_vector ?? throw new ArgumentException($"Feature '{_feature.Name}': cannot merge a vector fit into a scalar one.", nameof(other)))
                .Merge(other._vector ?? throw new ArgumentException($"Feature '{_feature.Name}': cannot merge a scalar fit into a vector one.", nameof(other)));
            return;
        }

        _raw.Merge(other._raw);
        _transformed?.Merge(other._transformed!);
        _missing += other._missing;
        if (_integerCounts is not null)
        {
            foreach (KeyValuePair<long, long> pair in other._integerCounts!)
            {
                _integerCounts.TryGetValue(pair.Key, out long count);
                _integerCounts[pair.Key] = count + pair.Value;
            }
        }

        if (_stringCounts is not null)
        {
            foreach (KeyValuePair<string, long> pair in other._stringCounts!)
            {
                _stringCounts.TryGetValue(pair.Key, out long count);
                _stringCounts[pair.Key] = count + pair.Value;
            }
        }
    }

    /// <summary>The raw values' store (moments and values or sketch), for writing a partial fit.</summary>
    internal ValueStore Raw => _raw;

    /// <summary>The values after the pre-steps (log1p, log) that the fitted step is fitted on; null without pre-steps.</summary>
    internal ValueStore? Transformed => _transformed;

    internal long MissingCount => _missing;

    /// <summary>Adds stores read back from a partial fit, as <see cref="Merge"/> adds another accumulator's.</summary>
    internal void MergeStores(ValueStore raw, ValueStore? transformed, long missing)
    {
        if ((transformed is null) != (_transformed is null))
        {
            throw new FormatException($"feature '{_feature.Name}': {(transformed is null ? "no" : "a")} store of transformed values where the steps {(_transformed is null ? "have no pre-step" : "have a pre-step")}");
        }

        _raw.Merge(raw);
        _transformed?.Merge(transformed!);
        _missing += missing;
    }

    public FeatureManifest ToFeature(NormalizationProfile profile, ManifestDType dtype) =>
        _vector is not null ? _vector.ToFeature() : _feature.Categories is null ? NumericFeature(profile, dtype) : CategoryFeature(profile);

    private FeatureManifest NumericFeature(NormalizationProfile profile, ManifestDType dtype)
    {
        int ddof = profile == NormalizationProfile.Spark ? 1 : 0;
        var steps = new List<NormalizationStep>();
        foreach (FitStep step in _feature.Steps)
        {
            steps.Add(step.Kind switch
            {
                FitStepKind.Log1p => new Log1pStep(),
                FitStepKind.Log => new LogStep(),
                FitStepKind.Clip => new ClipStep(step.First, step.Second),
                FitStepKind.Passthrough => new PassthroughStep(),
                _ => FittedStep(step, profile, dtype, ddof),
            });
        }

        Moments raw = _raw.Moments;
        double? mean = null, std = null;
        if (raw.Count > 0)
        {
            mean = _raw.IsExact ? NumpySums.Mean(_raw.Values) : raw.Mean;
            std = raw.Count <= ddof ? null : _raw.IsExact ? Math.Sqrt(NumpySums.Variance(_raw.Values, mean.Value, ddof)) : Math.Sqrt(raw.Variance(ddof));
        }

        return new FeatureManifest
        {
            Name = _feature.Name,
            Steps = steps,
            Missing = _feature.Missing ?? (_feature.Nullable ? MissingValuePolicy.Propagate : MissingValuePolicy.Error),
            Stats = new FeatureStats
            {
                Count = raw.Count,
                Missing = _missing,
                Min = raw.Count > 0 ? raw.Min : null,
                Max = raw.Count > 0 ? raw.Max : null,
                Mean = mean,
                Std = std,
                Quantiles = raw.Count > 0 ? Enumerable.Range(0, 101).Select(p => _raw.Percentile(p, float32: false)).ToArray() : Array.Empty<double>(),
            },
        };
    }

    private NormalizationStep FittedStep(FitStep step, NormalizationProfile profile, ManifestDType dtype, int ddof)
    {
        NormalizationStep fitted = FitStepParameters(step, profile, dtype, ddof);
        double[] parameters = fitted switch
        {
            ZScoreStep z => [z.Mean, z.Std],
            MinMaxStep m => [m.Min, m.Max],
            MaxAbsStep a => [a.MaxAbs],
            RobustStep r => [r.Center, r.Scale],
            _ => [],
        };
        if (parameters.Any(p => !double.IsFinite(p)))
        {
            throw new InvalidOperationException(
                $"Feature '{_feature.Name}': the fitted {fitted.Op} parameters are not finite ({string.Join(", ", parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}); an input is infinite, or a log step saw 0 or a negative value.");
        }

        return fitted;
    }

    private NormalizationStep FitStepParameters(FitStep step, NormalizationProfile profile, ManifestDType dtype, int ddof)
    {
        ValueStore fit = _transformed ?? _raw;
        Moments moments = fit.Moments;
        if (moments.Count == 0)
        {
            throw new InvalidOperationException($"Feature '{_feature.Name}' has no finite values to fit its {step.Kind} step on.");
        }

        bool sklearnRules = profile is NormalizationProfile.ScikitLearn or NormalizationProfile.NormGuard or NormalizationProfile.Onnx;
        double epsilon = dtype == ManifestDType.Float32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
        switch (step.Kind)
        {
            case FitStepKind.ZScore:
                // Exact: as numpy sums; summarized: the streaming moments (within about 1e-15 relative).
                double mean = fit.IsExact ? NumpySums.Mean(fit.Values) : moments.Mean;
                double variance = !fit.IsExact ? moments.Variance(ddof) : fit.Count > ddof ? NumpySums.CorrectedVariance(fit.Values, mean, ddof) : 0d;
                double std = Math.Sqrt(Math.Max(variance, 0d));
                if (sklearnRules && IsConstant(variance, mean, fit.Count))
                {
                    std = 1d;
                }

                return new ZScoreStep(mean, std);
            case FitStepKind.MinMax:
                return new MinMaxStep(moments.Min, moments.Max, step.First, step.Second, step.Clip);
            case FitStepKind.MaxAbs:
                // ML.NET's fixZero min-max (its max-abs) gives scale 0 to a feature without range.
                double maxAbs = profile == NormalizationProfile.MLNet && !(moments.Max > moments.Min) ? 0d : moments.MaxAbs;
                return new MaxAbsStep(sklearnRules && maxAbs < 10 * epsilon ? 1d : maxAbs);
            default:
                bool float32 = dtype == ManifestDType.Float32;
                if (profile == NormalizationProfile.Spark)
                {
                    // RobustScaler: median and range from QuantileSummaries, without interpolation; a zero range stays 0.
                    return new RobustStep(fit.Spark(0.5), fit.Spark(step.Second / 100) - fit.Spark(step.First / 100), step.First, step.Second);
                }

                double center = fit.Median(float32);
                double scale = fit.Percentile(step.Second, float32) - fit.Percentile(step.First, float32);
                if (sklearnRules && scale < 10 * epsilon)
                {
                    scale = 1d;
                }

                return new RobustStep(center, scale, step.First, step.Second);
        }
    }

    // scikit-learn 1.2's rule (_is_constant_feature): variance within rounding error of zero means constant.
    internal static bool IsConstant(double variance, double mean, long count)
    {
        const double Epsilon = 2.220446049250313e-16;
        double n = count;
        double bound = (n * Epsilon * variance) + Math.Pow(n * mean * Epsilon, 2);
        return variance <= bound;
    }

    private FeatureManifest CategoryFeature(NormalizationProfile profile)
    {
        bool sklearnOrder = profile is NormalizationProfile.ScikitLearn or NormalizationProfile.Onnx or NormalizationProfile.Spark;
        List<(string Name, long Count, long Key)> categories;
        if (_stringCounts is not null)
        {
            bool integers = _feature.Categories == CategoryKind.Inferred && _stringCounts.Keys.All(k => long.TryParse(k, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
            categories = integers
                ? _stringCounts.Select(p => (p.Key, p.Value, long.Parse(p.Key, CultureInfo.InvariantCulture))).OrderBy(c => c.Item3).ToList()
                : _stringCounts.Select(p => (p.Key, p.Value, 0L)).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        }
        else if (_feature.Categories == CategoryKind.Enum)
        {
            categories = _integerCounts!.Select(p => (EnumName(p.Key), p.Value, EnumOrder(p.Key))).ToList();
            categories = sklearnOrder
                ? categories.OrderBy(c => c.Name, StringComparer.Ordinal).ToList()
                : categories.OrderBy(c => c.Key).ToList();
        }
        else
        {
            categories = _integerCounts!.OrderBy(p => p.Key).Select(p => (p.Key.ToString(CultureInfo.InvariantCulture), p.Value, p.Key)).ToList();
        }

        if (categories.Count == 0)
        {
            throw new InvalidOperationException($"Feature '{_feature.Name}' has no categories to fit.");
        }

        return new FeatureManifest
        {
            Name = _feature.Name,
            Steps = new NormalizationStep[] { new OneHotStep(categories.Select(c => c.Name).ToArray(), _feature.Unknown) },
            Missing = _feature.Missing ?? (_feature.Nullable ? MissingValuePolicy.Propagate : MissingValuePolicy.Error),
            Stats = new FeatureStats
            {
                Count = categories.Sum(c => c.Count),
                Missing = _missing,
                CategoryCounts = categories.Select(c => c.Count).ToArray(),
            },
        };
    }

    private string EnumName(long value)
    {
        int index = Array.IndexOf(_feature.EnumValues, value);
        return index >= 0 ? _feature.EnumNames[index] : value.ToString(CultureInfo.InvariantCulture);
    }

    private long EnumOrder(long value)
    {
        int index = Array.IndexOf(_feature.EnumValues, value);
        return index >= 0 ? index : _feature.EnumValues.Length + value;
    }
}

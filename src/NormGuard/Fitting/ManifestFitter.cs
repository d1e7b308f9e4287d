using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace NormGuard.Fitting;

/// <summary>
/// Learns a feature set's parameters from values handed over feature by feature, without a compiled record: the
/// engine behind <see cref="FeatureSetFitter{T}"/> and the <c>normguard fit</c> command. Feed each row's features
/// with <see cref="Value"/>, <see cref="Category(int, string)"/> or <see cref="Missing"/>, then call
/// <see cref="EndRow"/>. Partial fits of partitions combine with <see cref="Merge"/>. Not thread-safe.
/// </summary>
public sealed class ManifestFitter
{
    private readonly FeatureAccumulator[] _features;

    /// <summary>
    /// Values each feature keeps exactly before a quantile sketch takes over (default 1,000,000: about 8 MB per
    /// feature, twice that with a log step). Up to it, sums and quantiles are numpy's, bit for bit; past it, memory
    /// stays bounded and quantiles are within <see cref="QuantileRankError"/> of the exact rank.
    /// </summary>
    public const long DefaultExactValueLimit = 1_000_000;

    /// <summary>The sketch's stated bound: a quantile's true rank is within this fraction of n of the one asked for
    /// (with probability at least 1 − 10⁻⁶ per quantile).</summary>
    public const double QuantileRankError = QuantileSketch.RankErrorBound;

    public ManifestFitter(string featureSet, NormalizationProfile profile, ManifestDType dtype, IReadOnlyList<FitterFeature> features)
        : this(featureSet, profile, dtype, features, DefaultExactValueLimit)
    {
    }

    public ManifestFitter(string featureSet, NormalizationProfile profile, ManifestDType dtype, IReadOnlyList<FitterFeature> features, long exactValueLimit)
    {
        ArgumentNullException.ThrowIfNull(features);
        FeatureSet = featureSet;
        Profile = profile;
        DType = dtype;
        Features = features;
        ExactValueLimit = exactValueLimit > 0 ? exactValueLimit : throw new ArgumentOutOfRangeException(nameof(exactValueLimit));
        if (features.FirstOrDefault(f => f.IsVector) is { } vector && (profile is not (NormalizationProfile.ScikitLearn or NormalizationProfile.NormGuard) || dtype != ManifestDType.Float32))
        {
            throw new NotSupportedException($"Feature '{vector.Name}' is a vector (embedding) feature: vector features are fitted with dtype float32 and the profiles sklearn or normguard, not {Manifest.ProfileName(profile)} with {ManifestJson.DTypeName(dtype)}.");
        }

        _features = features.Select(f => new FeatureAccumulator(f, dtype == ManifestDType.Float32, exactValueLimit)).ToArray();
    }

    public string FeatureSet { get; }

    public NormalizationProfile Profile { get; }

    public ManifestDType DType { get; }

    public IReadOnlyList<FitterFeature> Features { get; }

    public long ExactValueLimit { get; }

    /// <summary>No feature has passed <see cref="ExactValueLimit"/>: quantiles and sums are exact.</summary>
    public bool IsExact => _features.All(f => f.IsExact);

    /// <summary>Rows completed with <see cref="EndRow"/>, merged partitions included.</summary>
    public long Rows { get; private set; }

    /// <summary>A numeric value of feature <paramref name="feature"/>; NaN counts as missing.</summary>
    public void Value(int feature, double value) => _features[feature].AddValue(value);

    /// <summary>An enum (by underlying value) or integer category.</summary>
    public void Category(int feature, long value) => _features[feature].AddCategory(value);

    /// <summary>A category given as text (a string member, or a CSV cell); null counts as missing.</summary>
    public void Category(int feature, string? value) => _features[feature].AddCategory(value);

    public void Missing(int feature) => _features[feature].AddMissing();

    /// <summary>
    /// A vector of the vector feature <paramref name="feature"/> (<see cref="FitterFeature.Vector"/>); a missing vector is
    /// <see cref="Missing"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not the feature's native dimension, or a value is not finite.</exception>
    public void Vector(int feature, ReadOnlySpan<float> vector) => _features[feature].AddVector(vector);

    public void EndRow() => Rows++;

    internal void AddRows(long count) => Rows += count;

    /// <summary>One feature's accumulated state, for partial fits that carry a sketch instead of the values.</summary>
    internal FeatureAccumulator Accumulator(int feature) => _features[feature];

    /// <summary>Adds another partition's fit of the same feature set into this one.</summary>
    public void Merge(ManifestFitter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A fitter cannot merge itself.", nameof(other));
        }

        if (other.Profile != Profile || other.FeatureSet != FeatureSet || other._features.Length != _features.Length)
        {
            throw new ArgumentException($"Cannot merge a fit of '{other.FeatureSet}' (profile {other.Profile}) into one of '{FeatureSet}' (profile {Profile}).", nameof(other));
        }

        for (int i = 0; i < _features.Length; i++)
        {
            _features[i].Merge(other._features[i]);
        }

        Rows += other.Rows;
    }

    /// <summary>The fitted parameters and training baseline as a manifest of the given version.</summary>
    public Manifest ToManifest(FitProvenance provenance, int version)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Manifest versions start at 1.");
        }

        if (Rows == 0)
        {
            throw new InvalidOperationException($"The fitter of '{FeatureSet}' has seen no rows.");
        }

        return new Manifest
        {
            FeatureSet = FeatureSet,
            Version = version,
            Profile = Profile,
            DType = DType,
            Fit = new FitProvenance
            {
                Split = provenance.Split,
                Rows = provenance.Rows == 0 ? Rows : provenance.Rows,
                Source = provenance.Source,
                SourceSha256 = provenance.SourceSha256,
                FittedAt = provenance.FittedAt,
                Tool = provenance.Tool ?? "normguard " + ToolVersion,
            },
            Features = _features.Select(f => f.ToFeature(Profile, DType)).ToArray(),
        };
    }

    /// <summary>This library's version, as written in a manifest's <c>fit.tool</c>.</summary>
    public static string ToolVersion { get; } =
        typeof(ManifestFitter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

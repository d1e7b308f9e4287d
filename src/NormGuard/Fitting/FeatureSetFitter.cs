using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NormGuard.Fitting;

namespace NormGuard;

/// <summary>
/// Learns a feature set's parameters from training rows and writes them as a manifest. The generator emits a
/// sealed subclass per feature record (<c>T.CreateFitter()</c>), with or without a manifest, so a training program
/// can produce the first one. Partial fits of partitions combine with <see cref="Merge"/> to what one pass gives.
/// Not thread-safe: fit partitions on separate fitters and merge them.
/// </summary>
public abstract class FeatureSetFitter<T>
{
    private readonly FeatureAccumulator[] _features;

    protected FeatureSetFitter(string featureSet, NormalizationProfile profile, ManifestDType dtype, FitterFeature[] features)
    {
        FeatureSetName = featureSet;
        Profile = profile;
        DType = dtype;
        Features = features;
        _features = features.Select(f => new FeatureAccumulator(f, dtype == ManifestDType.Float32)).ToArray();
    }

    public string FeatureSetName { get; }

    /// <summary>Whose statistics rules the fit follows (ddof, constant features, category order).</summary>
    public NormalizationProfile Profile { get; }

    public ManifestDType DType { get; }

    public IReadOnlyList<FitterFeature> Features { get; }

    /// <summary>Rows added, merged partitions included.</summary>
    public long Rows { get; private set; }

    public void Add(in T row)
    {
        AddRow(in row);
        Rows++;
    }

    public void Add(ReadOnlySpan<T> rows)
    {
        foreach (ref readonly T row in rows)
        {
            AddRow(in row);
        }

        Rows += rows.Length;
    }

    /// <summary>Adds another partition's fit of the same feature set into this one.</summary>
    public void Merge(FeatureSetFitter<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A fitter cannot merge itself.", nameof(other));
        }

        if (other.Profile != Profile || other._features.Length != _features.Length)
        {
            throw new ArgumentException($"Cannot merge a fitter of profile {other.Profile} into one of profile {Profile}.", nameof(other));
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
            throw new InvalidOperationException($"The fitter of '{FeatureSetName}' has seen no rows.");
        }

        return new Manifest
        {
            FeatureSet = FeatureSetName,
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

    /// <summary>Generated: hands each feature of <paramref name="row"/> to <see cref="AddValue"/>, <see cref="AddCategory(int, string)"/>, …</summary>
    protected abstract void AddRow(in T row);

    /// <summary>A numeric value; NaN counts as missing.</summary>
    protected void AddValue(int feature, double value) => _features[feature].AddValue(value);

    protected void AddMissing(int feature) => _features[feature].AddMissing();

    /// <summary>An enum (by underlying value) or integer category.</summary>
    protected void AddCategory(int feature, long value) => _features[feature].AddCategory(value);

    /// <summary>A string category; null counts as missing.</summary>
    protected void AddCategory(int feature, string? value) => _features[feature].AddCategory(value);

    private static string ToolVersion =>
        typeof(FeatureSetFitter<>).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

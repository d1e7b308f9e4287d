using System;
using System.Collections.Generic;
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
    private readonly ManifestFitter _fitter;

    protected FeatureSetFitter(string featureSet, NormalizationProfile profile, ManifestDType dtype, FitterFeature[] features) =>
        _fitter = new ManifestFitter(featureSet, profile, dtype, features);

    public string FeatureSetName => _fitter.FeatureSet;

    /// <summary>Whose statistics rules the fit follows (ddof, constant features, category order).</summary>
    public NormalizationProfile Profile => _fitter.Profile;

    public ManifestDType DType => _fitter.DType;

    /// <summary>The features as the record's attributes declare them, in member order.</summary>
    public IReadOnlyList<FitterFeature> Features => _fitter.Features;

    /// <summary>Rows added, merged partitions included.</summary>
    public long Rows => _fitter.Rows;

    public void Add(in T row)
    {
        AddRow(in row);
        _fitter.EndRow();
    }

    public void Add(ReadOnlySpan<T> rows)
    {
        foreach (ref readonly T row in rows)
        {
            AddRow(in row);
        }

        _fitter.AddRows(rows.Length);
    }

    /// <summary>Adds another partition's fit of the same feature set into this one.</summary>
    public void Merge(FeatureSetFitter<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _fitter.Merge(other._fitter);
    }

    /// <summary>The fitted parameters and training baseline as a manifest of the given version.</summary>
    public Manifest ToManifest(FitProvenance provenance, int version) => _fitter.ToManifest(provenance, version);

    /// <summary>Generated: hands each feature of <paramref name="row"/> to <see cref="AddValue"/>, <see cref="AddCategory(int, string)"/>, …</summary>
    protected abstract void AddRow(in T row);

    /// <summary>A numeric value; NaN counts as missing.</summary>
    protected void AddValue(int feature, double value) => _fitter.Value(feature, value);

    protected void AddMissing(int feature) => _fitter.Missing(feature);

    /// <summary>A vector feature's vector (an embedding); its length must be the feature's native dimension.</summary>
    protected void AddVector(int feature, ReadOnlySpan<float> vector) => _fitter.Vector(feature, vector);

    /// <summary>An enum (by underlying value) or integer category.</summary>
    protected void AddCategory(int feature, long value) => _fitter.Category(feature, value);

    /// <summary>A string category; null counts as missing.</summary>
    protected void AddCategory(int feature, string? value) => _fitter.Category(feature, value);
}

using Microsoft.ML;
using NormGuard;

namespace Fabrikam.Analytics.Features;

/// <summary>Team-wide feature standardization, consumed as a package by the modelling repositories.</summary>
public sealed class Standardizer
{
    private readonly MLContext _ml;
    private readonly string[] _columns;

    public Standardizer(MLContext ml, params string[] columns)
    {
        _ml = ml;
        _columns = columns;
    }

    /// <summary>Concatenates the columns into "Features" and fits a mean/variance normalizer on <paramref name="rows"/>.</summary>
    public ITransformer FitOn([FitsStatistics] IDataView rows) =>
        _ml.Transforms.Concatenate("Features", _columns)
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);
}

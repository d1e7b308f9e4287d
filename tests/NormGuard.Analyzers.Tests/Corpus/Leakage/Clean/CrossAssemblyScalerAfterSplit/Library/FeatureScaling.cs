using Microsoft.ML;
using NormGuard;

namespace Contoso.ML.Preprocessing;

/// <summary>Shared preprocessing, shipped to the data-science teams as a NuGet package.</summary>
public static class FeatureScaling
{
    /// <summary>Concatenates <paramref name="columns"/> into "Features" and fits a mean/variance normalizer on <paramref name="rows"/>.</summary>
    public static ITransformer FitScaler(MLContext ml, [FitsStatistics] IDataView rows, params string[] columns) =>
        ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);
}

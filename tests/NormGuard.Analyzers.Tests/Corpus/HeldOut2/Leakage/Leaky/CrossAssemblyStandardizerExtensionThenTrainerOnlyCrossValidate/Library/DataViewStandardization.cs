using Microsoft.ML;
using NormGuard;

namespace Woodgrove.Risk.Features;

/// <summary>Standardization helpers of the risk team's shared feature package.</summary>
public static class DataViewStandardization
{
    /// <summary>Concatenates <paramref name="columns"/> into "Features" and fits mean/variance scaling on these rows.</summary>
    public static ITransformer FitStandardizer([FitsStatistics] this IDataView rows, MLContext ml, params string[] columns) =>
        ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);
}

using Microsoft.ML;
using NormGuard;

namespace Fabrikam.MLUtils;

public static class DataViewScaling
{
    private static IEstimator<ITransformer> Estimator(MLContext ml, string[] columns) =>
        ml.Transforms.Concatenate("Features", columns).Append(ml.Transforms.NormalizeMeanVariance("Features"));

    /// <summary>Fits a standardizer of <paramref name="columns"/> on <paramref name="rows"/>.</summary>
    public static ITransformer FitStandardizer([FitsStatistics] this IDataView rows, MLContext ml, params string[] columns) =>
        Estimator(ml, columns).Fit(rows);

    /// <summary><paramref name="rows"/> standardized with statistics fitted on themselves.</summary>
    public static IDataView Standardized([FitsStatistics] this IDataView rows, MLContext ml, params string[] columns) =>
        Estimator(ml, columns).Fit(rows).Transform(rows);
}

using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using NormGuard;

namespace Contoso.Forecasting.Preprocessing;

/// <summary>Chronological splits shared by the forecasting repositories.</summary>
public static class TimeSplits
{
    /// <summary>Rows with <paramref name="column"/> below <paramref name="cut"/> first, the rest second.</summary>
    [SplitsData]
    public static (IDataView Earlier, IDataView Later) At(MLContext ml, IDataView data, string column, double cut) =>
        (ml.Data.FilterRowsByColumn(data, column, upperBound: cut), ml.Data.FilterRowsByColumn(data, column, lowerBound: cut));
}

/// <summary>Feature scaling, fitted off the caller's thread.</summary>
public static class Scalers
{
    public static Task<ITransformer> FitRobustAsync(MLContext ml, [FitsStatistics] IDataView rows, string[] columns, CancellationToken cancellation) =>
        Task.Run(() => (ITransformer)ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeRobustScaling("Features"))
            .Fit(rows), cancellation);
}

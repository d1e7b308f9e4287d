using Microsoft.ML;
using NormGuard;

namespace Tailspin.Actuarial.Preprocessing;

/// <summary>MLContext extensions of the actuarial preprocessing package.</summary>
public static class ScalingExtensions
{
    /// <summary>Concatenates the columns into "Features" and fits median/IQR scaling on <paramref name="rows"/>.</summary>
    public static ITransformer FitRobustScaling(this MLContext ml, [FitsStatistics] IDataView rows, params string[] columns) =>
        ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeRobustScaling("Features"))
            .Fit(rows);
}

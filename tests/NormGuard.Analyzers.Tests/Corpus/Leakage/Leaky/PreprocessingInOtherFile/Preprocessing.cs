using Microsoft.ML;
using Microsoft.ML.Data;

namespace ConcreteStrength.Training;

/// <summary>Feature preparation shared by the training and the evaluation notebooks.</summary>
public sealed class Preprocessing
{
    private readonly MLContext _ml;

    public Preprocessing(MLContext ml) => _ml = ml;

    public IEstimator<ITransformer> Estimator =>
        _ml.Transforms.Concatenate("Features", nameof(Mix.Cement), nameof(Mix.Water), nameof(Mix.AgeDays))
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"));

    /// <summary>Fits the standardization on <paramref name="rows"/> and returns them standardized.</summary>
    public IDataView Standardize(IDataView rows) => Estimator.Fit(rows).Transform(rows);
}

public sealed class Mix
{
    [LoadColumn(0)] public float Cement { get; set; }
    [LoadColumn(1)] public float Water { get; set; }
    [LoadColumn(2)] public float AgeDays { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float CompressiveStrength { get; set; }
}

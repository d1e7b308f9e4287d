using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Utilities.Forecasting;

public sealed partial class EnergyTrainer(MLContext ml)
{
    private readonly MLContext _ml = ml;

    public ITransformer Run(string path)
    {
        IDataView raw = _ml.Data.LoadFromTextFile<BuildingHour>(path, hasHeader: true, separatorChar: ',');

        var folds = _ml.Regression.CrossValidate(raw, Features().Append(_ml.Regression.Trainers.Sdca()), numberOfFolds: 5, seed: 4);
        Console.WriteLine($"kWh R² {folds.Average(f => f.Metrics.RSquared):0.000}");

        // The production model: refit on every hour once the cross-validation has measured the chain.
        var (prepared, scaling) = PrepareAll(raw);
        return scaling.Append(_ml.Regression.Trainers.Sdca().Fit(prepared));
    }
}

public sealed class BuildingHour
{
    [LoadColumn(0)] public float OutdoorTemp { get; set; }
    [LoadColumn(1)] public float Occupancy { get; set; }
    [LoadColumn(2)] public float SolarGain { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Kwh { get; set; }
}

// category: helper-fits-param-later-split
// boundary: class
// Verdict: leaky. PowerCurveTrainer gets an IFeatureScaler through its constructor; the implementation wired in Main,
// MeanVarianceFeatureScaler, fits NormalizeMeanVariance on the view it is handed. Train() hands it every SCADA reading
// and only afterwards calls TrainTestSplit, so the mean and variance that scale the 20% test readings were computed with
// those readings inside. The scaler must be fitted on split.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public interface IFeatureScaler
{
    ITransformer Fit(IDataView rows);
}

public sealed class MeanVarianceFeatureScaler : IFeatureScaler
{
    private readonly MLContext _ml;

    public MeanVarianceFeatureScaler(MLContext ml) => _ml = ml;

    public ITransformer Fit(IDataView rows) =>
        _ml.Transforms.Concatenate("Features", nameof(ScadaReading.WindSpeed), nameof(ScadaReading.RotorRpm), nameof(ScadaReading.AmbientTemp))
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);
}

public sealed class PowerCurveTrainer
{
    private readonly MLContext _ml;
    private readonly IFeatureScaler _scaler;

    public PowerCurveTrainer(MLContext ml, IFeatureScaler scaler)
    {
        _ml = ml;
        _scaler = scaler;
    }

    public double Train(string path)
    {
        IDataView readings = _ml.Data.LoadFromTextFile<ScadaReading>(path, hasHeader: true, separatorChar: ',');
        ITransformer scaling = _scaler.{|NG0006:Fit(readings)|};
        var split = _ml.Data.TrainTestSplit(readings, testFraction: 0.2, seed: 3);

        var model = _ml.Regression.Trainers.Sdca().Fit(scaling.Transform(split.TrainSet));
        return _ml.Regression.Evaluate(model.Transform(scaling.Transform(split.TestSet))).RSquared;
    }
}

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 3);
        var trainer = new PowerCurveTrainer(ml, new MeanVarianceFeatureScaler(ml));
        Console.WriteLine($"R² {trainer.Train("scada-2023.csv"):0.000}");
    }
}

public sealed class ScadaReading
{
    [LoadColumn(0)] public float WindSpeed { get; set; }
    [LoadColumn(1)] public float RotorRpm { get; set; }
    [LoadColumn(2)] public float AmbientTemp { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float PowerKw { get; set; }
}

// category: data-prep-fields
// boundary: class
// Verdict: leaky. HousingDataPrep keeps the loaded rows, the split parts and the fitted scaler in fields. Fit() fits
// the scaler on the training part when there is one and on all rows otherwise; the program calls Fit() before
// Split(), so the scaler is fitted on every district and the test part it is evaluated on was in the fit. Call
// Split() first.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
var prep = new HousingDataPrep(ml, "california-housing.csv");
prep.{|NG0006:Fit()|};
prep.Split(testFraction: 0.2);

var model = ml.Regression.Trainers.Sdca().Fit(prep.TrainingView);
Console.WriteLine($"R² {ml.Regression.Evaluate(model.Transform(prep.TestView)).RSquared:0.000}");

public sealed class HousingDataPrep
{
    private readonly MLContext _ml;
    private readonly IDataView _all;
    private IDataView? _train;
    private IDataView? _test;
    private ITransformer? _scaler;

    public HousingDataPrep(MLContext ml, string path)
    {
        _ml = ml;
        _all = ml.Data.LoadFromTextFile<District>(path, hasHeader: true, separatorChar: ',');
    }

    public IDataView TrainingView => _scaler!.Transform(_train!);

    public IDataView TestView => _scaler!.Transform(_test!);

    public void Fit() =>
        _scaler = _ml.Transforms.Concatenate("Features", nameof(District.MedianIncome), nameof(District.HouseAge), nameof(District.AveRooms))
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(_train ?? _all);

    public void Split(double testFraction)
    {
        var split = _ml.Data.TrainTestSplit(_all, testFraction, seed: 1);
        _train = split.TrainSet;
        _test = split.TestSet;
    }
}

public sealed class District
{
    [LoadColumn(0)] public float MedianIncome { get; set; }
    [LoadColumn(1)] public float HouseAge { get; set; }
    [LoadColumn(2)] public float AveRooms { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float MedianHouseValue { get; set; }
}

// category: helper-fits-eval-data
// boundary: class
// Verdict: clean. The same three-way split and FeatureEngineering class, but the scaler is fitted once on the fitting
// part (Fit) and the tuning part is only transformed with it, so model selection sees the tuning rows on the
// training scale.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 5);
IDataView customers = ml.Data.LoadFromTextFile<Customer>("telco-churn.csv", hasHeader: true, separatorChar: ',');
var outer = ml.Data.TrainTestSplit(customers, testFraction: 0.3, seed: 5);
var inner = ml.Data.TrainTestSplit(outer.TestSet, testFraction: 0.5, seed: 5);
IDataView tuning = inner.TrainSet;
IDataView finalCheck = inner.TestSet;

var features = new FeatureEngineering(ml);
ITransformer scaler = features.Fit(outer.TrainSet);
IDataView fitRows = scaler.Transform(outer.TrainSet);
IDataView tuneRows = scaler.Transform(tuning);

float bestL2 = 0;
double bestAuc = 0;
foreach (float l2 in new[] { 0.01f, 0.1f, 1f })
{
    var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: l2).Fit(fitRows);
    double auc = ml.BinaryClassification.Evaluate(model.Transform(tuneRows)).AreaUnderRocCurve;
    if (auc > bestAuc)
    {
        (bestAuc, bestL2) = (auc, l2);
    }
}

Console.WriteLine($"L2 = {bestL2} (AUC {bestAuc:0.000}); {finalCheck.GetRowCount()} rows kept for the final check");

public sealed class FeatureEngineering
{
    private readonly MLContext _ml;

    public FeatureEngineering(MLContext ml) => _ml = ml;

    private IEstimator<ITransformer> Estimator =>
        _ml.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.MonthlyCharges), nameof(Customer.TotalCharges))
            .Append(_ml.Transforms.NormalizeRobustScaling("Features"));

    public ITransformer Fit(IDataView rows) => Estimator.Fit(rows);

    public IDataView Apply(IDataView rows) => Estimator.Fit(rows).Transform(rows);
}

public sealed class Customer
{
    [LoadColumn(0)] public float Tenure { get; set; }
    [LoadColumn(1)] public float MonthlyCharges { get; set; }
    [LoadColumn(2)] public float TotalCharges { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Churned { get; set; }
}

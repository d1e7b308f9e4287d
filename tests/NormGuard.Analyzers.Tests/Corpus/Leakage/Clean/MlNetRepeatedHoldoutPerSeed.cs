// Repeated hold-out: a fresh split per seed, the pipeline fitted on each split's training part.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext();
IDataView data = ml.Data.LoadFromTextFile<ChurnRow>("churn.tsv", hasHeader: true);
var pipeline = ml.Transforms.Concatenate("Features", "Tenure", "MonthlyCharges")
    .Append(ml.Transforms.NormalizeBinning("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());

var aucs = Enumerable.Range(0, 5).Select(seed =>
{
    var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: seed);
    var model = pipeline.Fit(split.TrainSet);
    return ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).AreaUnderRocCurve;
}).ToList();
Console.WriteLine($"AUC {aucs.Average():F3}");

public sealed class ChurnRow
{
    [LoadColumn(0)] public float Tenure { get; set; }
    [LoadColumn(1)] public float MonthlyCharges { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

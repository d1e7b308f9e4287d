// Feature preparation fitted once on everything, the trainer fitted on a split of the prepared view.
// The trainer's metrics look fine; the binning boundaries have seen the test rows.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 5);
IDataView raw = ml.Data.LoadFromTextFile<ChurnRow>("churn.tsv", hasHeader: true);

var preparation = ml.Transforms.Concatenate("Features", "Tenure", "MonthlyCharges", "SupportCalls")
    .Append(ml.Transforms.NormalizeBinning("Features", maximumBinCount: 32));
IDataView prepared = preparation.{|NG0006:Fit(raw)|}.Transform(raw);

var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2);
var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression();
var model = trainer.Fit(split.TrainSet);
Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).F1Score);

public sealed class ChurnRow
{
    [LoadColumn(0)] public float Tenure { get; set; }
    [LoadColumn(1)] public float MonthlyCharges { get; set; }
    [LoadColumn(2)] public float SupportCalls { get; set; }
    [LoadColumn(3)] public bool Label { get; set; }
}

// Manual cross-validation over ML.NET folds: each fold's pipeline is fitted on that fold's training part.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 9);
IDataView data = ml.Data.LoadFromTextFile<WineRow>("wine.csv", hasHeader: true, separatorChar: ';');
var pipeline = ml.Transforms.Concatenate("Features", "Acidity", "Sugar", "Alcohol")
    .Append(ml.Transforms.NormalizeLogMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca());

var scores = new List<double>();
IReadOnlyList<DataOperationsCatalog.TrainTestData> folds = ml.Data.CrossValidationSplit(data, numberOfFolds: 4, seed: 9);
for (int k = 0; k < folds.Count; k++)
{
    var model = pipeline.Fit(folds[k].TrainSet);
    scores.Add(ml.Regression.Evaluate(model.Transform(folds[k].TestSet)).RSquared);
}

foreach (var fold in folds)
{
    var scaler = ml.Transforms.NormalizeRobustScaling("Features").Fit(fold.TrainSet);
    Console.WriteLine(scaler.Transform(fold.TestSet).Schema.Count);
}

Console.WriteLine($"mean R² {scores.Average():F3}");

public sealed class WineRow
{
    [LoadColumn(0)] public float Acidity { get; set; }
    [LoadColumn(1)] public float Sugar { get; set; }
    [LoadColumn(2)] public float Alcohol { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Quality { get; set; }
}

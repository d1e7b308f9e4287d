// Manual cross-validation over ML.NET folds, where each fold's normalizer is fitted on the fold's test part,
// and a second pass that rescales the cross-validation's scored hold-out sets with their own statistics.
using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 9);
IDataView data = ml.Data.LoadFromTextFile<WineRow>("wine.csv", hasHeader: true, separatorChar: ';');
var pipeline = ml.Transforms.Concatenate("Features", "Acidity", "Sugar", "Alcohol")
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca());

var scores = new List<double>();
foreach (var fold in ml.Data.CrossValidationSplit(data, numberOfFolds: 4))
{
    var model = pipeline.{|NG0006:Fit(fold.TestSet)|};
    scores.Add(ml.Regression.Evaluate(model.Transform(fold.TestSet)).RSquared);
}

foreach (var result in ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 4))
{
    var rescale = ml.Transforms.NormalizeMinMax("Score").{|NG0006:Fit(result.ScoredHoldOutSet)|};
    Console.WriteLine(rescale.Transform(result.ScoredHoldOutSet).Schema.Count);
}

Console.WriteLine(string.Join(", ", scores));

public sealed class WineRow
{
    [LoadColumn(0)] public float Acidity { get; set; }
    [LoadColumn(1)] public float Sugar { get; set; }
    [LoadColumn(2)] public float Alcohol { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Quality { get; set; }
}

// Featurization without fitted statistics may run before the split: Concatenate, NormalizeLpNorm and
// NormalizeGlobalContrast scale each row by itself. The statistical normalizer is fitted after the split.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 5);
IDataView raw = ml.Data.LoadFromTextFile<ImageStats>("image-stats.csv", hasHeader: true, separatorChar: ',');

var rowWise = ml.Transforms.Concatenate("Features", "Red", "Green", "Blue")
    .Append(ml.Transforms.NormalizeLpNorm("Features"))
    .Append(ml.Transforms.NormalizeGlobalContrast("Features", ensureZeroMean: true));
IDataView prepared = rowWise.Fit(raw).Transform(raw);

var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2);
var model = ml.Transforms.NormalizeMinMax("Features")
    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
    .Fit(split.TrainSet);
Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).Accuracy);

public sealed class ImageStats
{
    [LoadColumn(0)] public float Red { get; set; }
    [LoadColumn(1)] public float Green { get; set; }
    [LoadColumn(2)] public float Blue { get; set; }
    [LoadColumn(3)] public bool Label { get; set; }
}

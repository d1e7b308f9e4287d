// category: beyond-normalizers
// boundary: none
// Verdict: clean. The same principal-component projection, fitted after the split on the training images only; the
// test images are projected with it and evaluated.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 17);
IDataView digits = ml.Data.LoadFromTextFile<DigitImage>("optdigits.csv", hasHeader: false, separatorChar: ',');

var projection = ml.Transforms.ProjectToPrincipalComponents("Pca", nameof(DigitImage.Pixels), rank: 16);
var split = ml.Data.TrainTestSplit(digits, testFraction: 0.25, seed: 17);
ITransformer fittedProjection = projection.Fit(split.TrainSet);

var model = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Pca"))
    .Fit(fittedProjection.Transform(split.TrainSet));
Console.WriteLine($"accuracy {ml.MulticlassClassification.Evaluate(model.Transform(fittedProjection.Transform(split.TestSet))).MicroAccuracy:0.000}");

public sealed class DigitImage
{
    [LoadColumn(0, 63), VectorType(64)] public float[] Pixels { get; set; } = new float[64];
    [LoadColumn(64)] public float Label { get; set; }
}

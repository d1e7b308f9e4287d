// category: beyond-normalizers
// boundary: none
// Verdict: leaky. ProjectToPrincipalComponents learns the principal axes (and the mean it centres on) from the data it
// is fitted on. Here it is fitted on every digit image's pixel statistics and the projected view is then split; the
// test images shaped the projection the classifier is trained in. Fit the projection on the training part.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 17);
IDataView digits = ml.Data.LoadFromTextFile<DigitImage>("optdigits.csv", hasHeader: false, separatorChar: ',');

var projection = ml.Transforms.ProjectToPrincipalComponents("Pca", nameof(DigitImage.Pixels), rank: 16);
IDataView projected = projection.{|NG0006:Fit(digits)|}.Transform(digits);
var split = ml.Data.TrainTestSplit(projected, testFraction: 0.25, seed: 17);

var model = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Pca"))
    .Fit(split.TrainSet);
Console.WriteLine($"accuracy {ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet)).MicroAccuracy:0.000}");

public sealed class DigitImage
{
    [LoadColumn(0, 63), VectorType(64)] public float[] Pixels { get; set; } = new float[64];
    [LoadColumn(64)] public float Label { get; set; }
}

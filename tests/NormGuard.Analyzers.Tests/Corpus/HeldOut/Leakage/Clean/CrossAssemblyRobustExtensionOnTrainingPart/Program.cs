// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same three-way split and packaged FitRobustScaling, fitted once on the training claims; the
// validation and final-test claims are both transformed with that training scaling.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tailspin.Actuarial.Preprocessing;

var ml = new MLContext(seed: 4);
IDataView claims = ml.Data.LoadFromTextFile<Claim>("motor-claims.csv", hasHeader: true, separatorChar: ',');
string[] columns = { nameof(Claim.VehicleAge), nameof(Claim.DriverAge), nameof(Claim.ClaimAmount), nameof(Claim.PolicyTenure) };

var first = ml.Data.TrainTestSplit(claims, testFraction: 0.3, seed: 4);
var second = ml.Data.TrainTestSplit(first.TestSet, testFraction: 0.5, seed: 4);
IDataView training = first.TrainSet;
IDataView validation = second.TrainSet;
IDataView finalTest = second.TestSet;

ITransformer trainScaling = ml.FitRobustScaling(training, columns);
var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(trainScaling.Transform(training));

var tuning = ml.BinaryClassification.Evaluate(model.Transform(trainScaling.Transform(validation)));
var final = ml.BinaryClassification.Evaluate(model.Transform(trainScaling.Transform(finalTest)));
Console.WriteLine($"fraud F1 validation {tuning.F1Score:0.000}, test {final.F1Score:0.000}");

public sealed class Claim
{
    [LoadColumn(0)] public float VehicleAge { get; set; }
    [LoadColumn(1)] public float DriverAge { get; set; }
    [LoadColumn(2)] public float ClaimAmount { get; set; }
    [LoadColumn(3)] public float PolicyTenure { get; set; }
    [LoadColumn(4), ColumnName("Label")] public bool Fraudulent { get; set; }
}

// category: cross-assembly
// boundary: assembly
// Verdict: leaky. Standardized() is an extension method from the team's ML utilities assembly; its receiver is
// declared [FitsStatistics]: it fits NormalizeMeanVariance on the view and returns it standardized. The program
// standardizes the training part (fine) and then the test part with its own call, which fits a second normalizer on
// the test rows. Transform the test part with a scaler fitted on the training part (FitStandardizer).
using System;
using Fabrikam.MLUtils;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 28);
IDataView readings = ml.Data.LoadFromTextFile<GlucoseReading>("cgm-readings.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(readings, testFraction: 0.2, samplingKeyColumnName: nameof(GlucoseReading.PatientKey), seed: 28);

string[] columns = { nameof(GlucoseReading.Carbs), nameof(GlucoseReading.InsulinUnits), nameof(GlucoseReading.MinutesSinceMeal) };
IDataView trainReady = split.TrainSet.Standardized(ml, columns);
IDataView testReady = split.TestSet.{|NG0006:Standardized(ml, columns)|};

var model = ml.Regression.Trainers.Sdca().Fit(trainReady);
Console.WriteLine($"MAE {ml.Regression.Evaluate(model.Transform(testReady)).MeanAbsoluteError:0.0} mg/dL");

public sealed class GlucoseReading
{
    [LoadColumn(0)] public float PatientKey { get; set; }
    [LoadColumn(1)] public float Carbs { get; set; }
    [LoadColumn(2)] public float InsulinUnits { get; set; }
    [LoadColumn(3)] public float MinutesSinceMeal { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float GlucoseIn30Minutes { get; set; }
}

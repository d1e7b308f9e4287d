// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same utilities assembly; the standardizer is fitted once on the training part with
// FitStandardizer ([FitsStatistics] receiver) and the test part is only transformed with it.
using System;
using Fabrikam.MLUtils;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 28);
IDataView readings = ml.Data.LoadFromTextFile<GlucoseReading>("cgm-readings.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(readings, testFraction: 0.2, samplingKeyColumnName: nameof(GlucoseReading.PatientKey), seed: 28);

string[] columns = { nameof(GlucoseReading.Carbs), nameof(GlucoseReading.InsulinUnits), nameof(GlucoseReading.MinutesSinceMeal) };
ITransformer standardizer = split.TrainSet.FitStandardizer(ml, columns);
IDataView trainReady = standardizer.Transform(split.TrainSet);
IDataView testReady = standardizer.Transform(split.TestSet);

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

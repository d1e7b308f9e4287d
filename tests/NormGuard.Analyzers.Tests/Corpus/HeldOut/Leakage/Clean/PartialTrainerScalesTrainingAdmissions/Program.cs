// category: data-prep-fields
// boundary: file
// Verdict: clean. The same partial ReadmissionTrainer, but Run makes the patient-keyed split first and calls FitFeatures
// with split.TrainSet; the test patients are only featurized with the fitted field.
using System;
using Clinic.Readmissions;
using Microsoft.ML;

var trainer = new ReadmissionTrainer(new MLContext(seed: 21));
var metrics = trainer.Run("admissions-2019-2023.csv");
Console.WriteLine($"30-day readmission AUC {metrics.AreaUnderRocCurve:0.000}");

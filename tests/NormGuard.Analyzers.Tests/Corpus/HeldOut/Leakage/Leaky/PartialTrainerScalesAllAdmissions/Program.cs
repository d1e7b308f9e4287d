// category: data-prep-fields
// boundary: file
// Verdict: leaky. ReadmissionTrainer is a partial class in two files. ReadmissionTrainer.Features.cs fits the
// mean/variance feature model into the _featureModel field (FitFeatures); ReadmissionTrainer.cs calls FitFeatures with
// every admission and only then makes the patient-keyed TrainTestSplit. The test patients' lab values are in the
// statistics that scale them. FitFeatures has to receive split.TrainSet.
using System;
using Clinic.Readmissions;
using Microsoft.ML;

var trainer = new ReadmissionTrainer(new MLContext(seed: 21));
var metrics = trainer.Run("admissions-2019-2023.csv");
Console.WriteLine($"30-day readmission AUC {metrics.AreaUnderRocCurve:0.000}");

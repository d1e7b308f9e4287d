// Evaluate with a proper split, then refit the manifest on all rows for the production model. The final fit
// comes after the evaluation and is never evaluated on the test rows, so it leaks nothing into the reported scores.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

var patients = Clinic.Load();
var (train, test) = Clinic.StratifiedSplit(patients, 0.25);

var evaluation = Patient.CreateFitter();
evaluation.Add(train.ToArray());
Console.WriteLine($"evaluated on {test.Count} patients with a manifest fitted on {evaluation.Rows}");

var production = Patient.CreateFitter();
production.Add(patients.ToArray());
production.ToManifest(new FitProvenance { Split = DataSplit.Train, Source = "all patients (final model)" }, version: 4).Save("patients.normguard.json");

internal static class Clinic
{
    public static List<Patient> Load() => new List<Patient>();

    public static (List<Patient> Train, List<Patient> Test) StratifiedSplit(List<Patient> rows, double testFraction)
    {
        var test = rows.GroupBy(r => r.Diabetic).SelectMany(g => g.Take((int)(g.Count() * testFraction))).ToList();
        return (rows.Except(test).ToList(), test);
    }
}

[FeatureSet("patients")]
public partial record struct Patient
{
    [ZScore] public double Glucose { get; init; }
    [ZScore] public double Bmi { get; init; }
    [Ignore] public bool Diabetic { get; init; }

    public static FeatureSetFitter<Patient> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Patient>
    {
        public Fitter()
            : base("patients", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Glucose", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Bmi", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Patient row)
        {
            AddValue(0, row.Glucose);
            AddValue(1, row.Bmi);
        }
    }
}

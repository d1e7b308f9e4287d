// category: business-arithmetic
// Verdict: clean. The triage desk computes body-mass index (weight / height²) and flags stage-2 hypertension
// (systolic ≥ 140) for the nurse's checklist. Clinical formulas on the members; the deterioration model gets the
// generated Normalize with the manifest's z-scores.
using System;
using NormGuard;

namespace Hospital.Triage;

[FeatureSet("triage")]
public partial record struct TriagePatient
{
    [ZScore] public double WeightKg { get; init; }
    [ZScore] public double HeightM { get; init; }
    [ZScore] public double SystolicBp { get; init; }
}

public static class Checklist
{
    public static double BodyMassIndex(in TriagePatient p) => p.WeightKg / (p.HeightM * p.HeightM);

    public static bool Hypertensive(in TriagePatient p) => p.SystolicBp >= 140;
}

public static class Program
{
    public static void Main()
    {
        var row = new TriagePatient { WeightKg = 92, HeightM = 1.78, SystolicBp = 151 };
        Span<float> modelInput = stackalloc float[TriagePatient.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"BMI {Checklist.BodyMassIndex(row):0.0}, hypertensive {Checklist.Hypertensive(row)}");
    }
}

// Rows read by hand, handed to ML.NET as a view, the view fitted, and the rows then split by a helper.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        List<Patient> patients = File.ReadLines("patients.csv").Skip(1).Select(Patient.Parse).ToList();

        var ml = new MLContext(seed: 2);
        IDataView view = ml.Data.LoadFromEnumerable(patients);
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Patient.Glucose), nameof(Patient.Bmi))
            .Append(ml.Transforms.NormalizeSupervisedBinning("Features", labelColumnName: "Label"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        ITransformer model = pipeline.{|NG0006:Fit(view)|};

        (List<Patient> train, List<Patient> holdout) = HoldoutSplit(patients, 0.25, seed: 2);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(holdout)));
        Console.WriteLine($"{train.Count} train rows, AUC {metrics.AreaUnderRocCurve:F3}");
    }

    private static (List<Patient> Train, List<Patient> Holdout) HoldoutSplit(List<Patient> rows, double fraction, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int cut = (int)(shuffled.Count * (1 - fraction));
        return (shuffled.Take(cut).ToList(), shuffled.Skip(cut).ToList());
    }
}

public sealed class Patient
{
    public float Glucose { get; set; }
    public float Bmi { get; set; }
    public bool Label { get; set; }

    public static Patient Parse(string line)
    {
        string[] f = line.Split(',');
        return new Patient { Glucose = float.Parse(f[0]), Bmi = float.Parse(f[1]), Label = f[2] == "1" };
    }
}

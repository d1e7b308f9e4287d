// category: factory-chain
// boundary: method
// Verdict: leaky. The local function BuildScaling appends one NormalizeMinMax per numeric column in a loop. Main fits
// that chain on every student, transforms them, and hands the already-scaled view to CrossValidate: each of the five
// folds is scored on students whose minimum and maximum entered the scaling. CrossValidate must receive the raw view and
// the whole pipeline (scaling + trainer), so that the scaling is refitted inside each fold.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 5);
IDataView students = ml.Data.LoadFromTextFile<Student>("student-por.csv", hasHeader: true, separatorChar: ';');
string[] numeric = { nameof(Student.StudyTime), nameof(Student.Absences), nameof(Student.FirstPeriodGrade), nameof(Student.SecondPeriodGrade) };

IEstimator<ITransformer> BuildScaling()
{
    IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
    foreach (string column in numeric)
    {
        chain = chain.Append(ml.Transforms.NormalizeMinMax(column));
    }

    return chain.Append(ml.Transforms.Concatenate("Features", numeric));
}

ITransformer scaling = BuildScaling().{|NG0006:Fit(students)|};
IDataView scaled = scaling.Transform(students);

var folds = ml.Regression.CrossValidate(scaled, ml.Regression.Trainers.Sdca(), numberOfFolds: 5);
Console.WriteLine($"final grade MAE {folds.Average(f => f.Metrics.MeanAbsoluteError):0.00}");

public sealed class Student
{
    [LoadColumn(0)] public float StudyTime { get; set; }
    [LoadColumn(1)] public float Absences { get; set; }
    [LoadColumn(2)] public float FirstPeriodGrade { get; set; }
    [LoadColumn(3)] public float SecondPeriodGrade { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float FinalGrade { get; set; }
}

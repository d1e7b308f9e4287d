// category: factory-chain
// boundary: method
// Verdict: clean. The same loop-built scaling chain, appended with the trainer and handed unfitted to CrossValidate on
// the raw students: ML.NET fits the min-max normalizers inside each fold on that fold's training rows.
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

var pipeline = BuildScaling().Append(ml.Regression.Trainers.Sdca());
var folds = ml.Regression.CrossValidate(students, pipeline, numberOfFolds: 5);
Console.WriteLine($"final grade MAE {folds.Average(f => f.Metrics.MeanAbsoluteError):0.00}");

public sealed class Student
{
    [LoadColumn(0)] public float StudyTime { get; set; }
    [LoadColumn(1)] public float Absences { get; set; }
    [LoadColumn(2)] public float FirstPeriodGrade { get; set; }
    [LoadColumn(3)] public float SecondPeriodGrade { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float FinalGrade { get; set; }
}

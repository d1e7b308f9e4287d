// category: linq-split
// boundary: none
// Verdict: clean. The same split by position with Where((s, i) => i % 5 …), made before the fit; only the learning
// rows are added to the fitter.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

List<Student> students = File.ReadLines("student-performance.csv").Skip(1).Select(Student.Parse).ToList();

List<Student> learnRows = students.Where((_, i) => i % 5 != 0).ToList();
List<Student> checkRows = students.Where((_, i) => i % 5 == 0).ToList();

FeatureSetFitter<Student> fitter = Student.CreateFitter();
foreach (Student student in learnRows)
{
    fitter.Add(student);
}
Console.WriteLine($"{fitter.Rows} fitted, {learnRows.Count} learn, {checkRows.Count} check");

[FeatureSet("students")]
public partial record struct Student
{
    [ZScore] public double StudyHours { get; init; }
    [ZScore] public double PreviousScore { get; init; }
    [MinMax] public double Absences { get; init; }

    public static Student Parse(string line)
    {
        string[] f = line.Split(',');
        return new Student { StudyHours = double.Parse(f[0]), PreviousScore = double.Parse(f[1]), Absences = double.Parse(f[2]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Student> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Student>
    {
        public Fitter()
            : base("students", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("StudyHours", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("PreviousScore", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Absences", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Student row)
        {
            AddValue(0, row.StudyHours);
            AddValue(1, row.PreviousScore);
            AddValue(2, row.Absences);
        }
    }
}

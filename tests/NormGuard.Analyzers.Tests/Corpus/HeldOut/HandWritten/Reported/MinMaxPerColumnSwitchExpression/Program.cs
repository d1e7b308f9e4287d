// category: switch-expression
// Verdict: reported. ColumnScaler.Scaled picks the scaling per column with a switch expression: glucose min-max over
// 44..199, BMI min-max over 18.2..67.1 (the range written as one constant, 48.9), age z-score with mean 33.2 and std
// 11.8. All three are the manifest's steps re-typed, and the result is the screening model's input vector.
using System;
using System.Linq;
using NormGuard;

namespace Clinic.Screening;

[FeatureSet("diabetes-screening")]
public partial record struct Screening
{
    [MinMax] public double Glucose { get; init; }
    [MinMax] public double Bmi { get; init; }
    [ZScore] public double Age { get; init; }
}

public static class ColumnScaler
{
    public static readonly string[] Order = { "glucose", "bmi", "age" };

    public static double Scaled(in Screening s, string column) => column switch
    {
        "glucose" => {|NG0012:(s.Glucose - 44.0) / (199.0 - 44.0)|},
        "bmi" => {|NG0012:(s.Bmi - 18.2) / 48.9|},
        "age" => {|NG0012:(s.Age - 33.2) / 11.8|},
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "unknown screening column"),
    };
}

public static class Program
{
    public static void Main()
    {
        var patient = new Screening { Glucose = 148, Bmi = 33.6, Age = 50 };
        float[] input = ColumnScaler.Order.Select(c => (float)ColumnScaler.Scaled(patient, c)).ToArray();
        Console.WriteLine(string.Join(", ", input));
    }
}

using System;
using System.IO;
using System.Text.Json;

namespace Diamonds;

/// <summary>The regression trained in Python (<c>model/model.json</c>): log(price) = intercept + coefficients · features.</summary>
internal sealed class LinearModel
{
    public required string Target { get; init; }
    public required double Intercept { get; init; }
    public required double[] Coefficients { get; init; }

    /// <summary>The feature columns the coefficients belong to, in order.</summary>
    public required string[] Columns { get; init; }

    /// <summary>0-based data rows of <c>diamonds.csv</c> held back from training.</summary>
    public required int[] Holdout { get; init; }

    public required int TrainRows { get; init; }

    /// <summary>Hold-out metrics as scikit-learn computed them.</summary>
    public required HoldoutMetrics Metrics { get; init; }

    public static LinearModel Load(string path) =>
        JsonSerializer.Deserialize<LinearModel>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException($"{path}: empty model");

    /// <summary>Predicted log(price) of one row of normalized features; accumulates in double, as numpy does.</summary>
    public double PredictLogPrice(ReadOnlySpan<float> features)
    {
        double sum = 0;
        for (int i = 0; i < Coefficients.Length; i++)
        {
            sum += Coefficients[i] * features[i];
        }

        return sum + Intercept;
    }
}

/// <summary>Price-space error measures over the hold-out rows (MAPE as a fraction).</summary>
internal sealed record HoldoutMetrics(double Rmse, double Mae, double R2, double Mape)
{
    public static HoldoutMetrics Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double mean = 0;
        foreach (double a in actual)
        {
            mean += a;
        }

        mean /= actual.Length;
        double squared = 0, absolute = 0, relative = 0, total = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.Abs(error);
            relative += Math.Abs(error) / Math.Abs(actual[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        int n = actual.Length;
        return new HoldoutMetrics(Math.Sqrt(squared / n), absolute / n, 1 - squared / total, relative / n);
    }
}
